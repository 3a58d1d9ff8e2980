import { KeyDestroyedError, type Envelope } from '../../platform/crypto/envelope.ts';
import type { MemberRow } from './org.repo.ts';

/** The employer-supplied values of a member, as plaintext. */
export interface MemberDetails {
  name: string;
  workEmail: string | null;
  workPhone: string | null;
  workLocation: string | null;
  position: string | null;
  /** the member was erased: their key is destroyed and nothing of them can be shown */
  erased: boolean;
}

const sealedColumns = {
  name: 'name_enc',
  workEmail: 'work_email_enc',
  workPhone: 'work_phone_enc',
  workLocation: 'work_location_enc',
  position: 'position_enc',
} as const;

type SealedColumn = (typeof sealedColumns)[keyof typeof sealedColumns];

/** Seals the given details under the member's key, bound to the member row and column. */
export async function sealDetails(
  envelope: Envelope,
  keyId: string,
  memberId: string,
  details: Partial<Omit<MemberDetails, 'erased'>>,
): Promise<Partial<Record<SealedColumn, Buffer | null>>> {
  const columns: Partial<Record<SealedColumn, Buffer | null>> = {};
  for (const [field, column] of Object.entries(sealedColumns) as Array<[keyof typeof sealedColumns, SealedColumn]>) {
    if (!(field in details)) continue;
    const value = details[field];
    columns[column] = value === null || value === undefined ? null : await envelope.seal(keyId, value, `member.${column}:${memberId}`);
  }
  return columns;
}

export async function openDetails(envelope: Envelope, row: MemberRow): Promise<MemberDetails> {
  const open = async (column: SealedColumn) => {
    const sealed = row[column];
    return sealed ? envelope.openText(sealed, `member.${column}:${row.id}`) : null;
  };
  if (row.status === 'erased') return { name: '', workEmail: null, workPhone: null, workLocation: null, position: null, erased: true };
  try {
    await open('name_enc');
  } catch (error) {
    if (error instanceof KeyDestroyedError) return { name: '', workEmail: null, workPhone: null, workLocation: null, position: null, erased: true };
    throw error;
  }
  return {
    erased: false,
    name: (await open('name_enc')) ?? '',
    workEmail: await open('work_email_enc'),
    workPhone: await open('work_phone_enc'),
    workLocation: await open('work_location_enc'),
    position: await open('position_enc'),
  };
}
