import type { MemberRow } from './org.repo.ts';

type Given = Pick<MemberRow, 'id' | 'org_id' | 'account_id' | 'key_id' | 'role' | 'name_enc'> & Partial<MemberRow>;

/**
 * A member row active from the start, whose details the person gave themself, so nothing in it
 * is employer-supplied (P0.2): an organisation's founder, or a person's place in the contacts space.
 */
export function selfSuppliedMember(given: Given, now: number): MemberRow {
  return {
    status: 'active',
    work_email_enc: null,
    work_email_index: null,
    work_phone_enc: null,
    work_phone_index: null,
    work_location_enc: null,
    position_enc: null,
    department_id: null,
    supervisor_id: null,
    work_status: 'working',
    supplied_fields: '[]',
    supplied_at: null,
    supplied_by: null,
    attestation_id: null,
    invited_at: null,
    responded_at: now,
    removed_at: null,
    created_at: now,
    updated_at: now,
    ...given,
  };
}
