import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ContactIndexes } from './member-rules.ts';
import type { Database } from '../../database.ts';

export type OrganisationRow = Selectable<Database['organisation']>;
export type DepartmentRow = Selectable<Database['department']>;
export type MemberRow = Selectable<Database['member']>;
export type CorrectionRow = Selectable<Database['correction_request']>;
export type AuditRow = Selectable<Database['org_audit_event']>;
export type ImportRow = Selectable<Database['invitation_import']>;
export type AttestationRow = Selectable<Database['attestation']>;

/** All SQL of the organisation domain. Every read of org data is scoped by org id here. */
export class OrgRepo {
  constructor(readonly db: Kysely<Database>) {}

  // organisations
  async insertOrganisation(row: OrganisationRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('organisation').values(row).execute();
  }

  organisation(id: string): Promise<OrganisationRow | undefined> {
    return this.db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  organisationsOf(accountId: string): Promise<Array<OrganisationRow & { member_id: string; role: string }>> {
    return this.db
      .selectFrom('member')
      .innerJoin('organisation', 'organisation.id', 'member.org_id')
      .selectAll('organisation')
      .select(['member.id as member_id', 'member.role'])
      .where('member.account_id', '=', accountId)
      .where('member.status', '=', 'active')
      .where('organisation.kind', '=', 'company')
      .orderBy('organisation.created_at')
      .execute();
  }

  async updateOrganisation(id: string, changes: Updateable<Database['organisation']>): Promise<void> {
    await this.db.updateTable('organisation').set(changes).where('id', '=', id).execute();
  }

  // members
  async insertMember(row: MemberRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('member').values(row).execute();
  }

  /** The caller's own active membership: the gate of every organisation route. */
  activeMembership(orgId: string, accountId: string): Promise<MemberRow | undefined> {
    return this.db
      .selectFrom('member')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('account_id', '=', accountId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  member(orgId: string, memberId: string): Promise<MemberRow | undefined> {
    return this.db.selectFrom('member').selectAll().where('org_id', '=', orgId).where('id', '=', memberId).executeTakeFirst();
  }

  async membersByIds(orgId: string, ids: string[]): Promise<MemberRow[]> {
    const rows: MemberRow[] = [];
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      if (chunk.length) rows.push(...(await this.db.selectFrom('member').selectAll().where('org_id', '=', orgId).where('id', 'in', chunk).execute()));
    }
    return rows;
  }

  membersByStatus(orgId: string, statuses: string[]): Promise<MemberRow[]> {
    return this.db
      .selectFrom('member')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('status', 'in', statuses)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** A live (invited or active) record in this organisation with either work address. */
  liveMemberWithAddress(orgId: string, indexes: ContactIndexes, executor: Kysely<Database> = this.db) {
    return executor
      .selectFrom('member')
      .select(['id', 'status', 'work_email_index', 'work_phone_index'])
      .where('org_id', '=', orgId)
      .where('status', 'in', ['invited', 'active'])
      .where((eb) =>
        eb.or([
          ...(indexes.email.length ? [eb('work_email_index', 'in', indexes.email)] : []),
          ...(indexes.phone.length ? [eb('work_phone_index', 'in', indexes.phone)] : []),
          ...(!indexes.email.length && !indexes.phone.length ? [eb.val(false)] : []),
        ]),
      )
      .executeTakeFirst();
  }

  /** Open invitations addressed to a person's verified email or phone, in any organisation. */
  invitationsFor(indexes: ContactIndexes): Promise<MemberRow[]> {
    if (!indexes.email.length && !indexes.phone.length) return Promise.resolve([]);
    return this.db
      .selectFrom('member')
      .selectAll()
      .where('status', '=', 'invited')
      .where((eb) =>
        eb.or([
          ...(indexes.email.length ? [eb('work_email_index', 'in', indexes.email)] : []),
          ...(indexes.phone.length ? [eb('work_phone_index', 'in', indexes.phone)] : []),
        ]),
      )
      .orderBy('invited_at', 'desc')
      .execute();
  }

  async updateMember(orgId: string, memberId: string, changes: Updateable<Database['member']>, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.updateTable('member').set(changes).where('org_id', '=', orgId).where('id', '=', memberId).execute();
  }

  /** Moves a member from one status to another only if it is still in the expected one. */
  async transitionMember(orgId: string, memberId: string, from: string, changes: Updateable<Database['member']>): Promise<boolean> {
    const result = await this.db
      .updateTable('member')
      .set(changes)
      .where('org_id', '=', orgId)
      .where('id', '=', memberId)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async clearSupervisor(orgId: string, supervisorId: string, at: number): Promise<void> {
    await this.db.updateTable('member').set({ supervisor_id: null, updated_at: at }).where('org_id', '=', orgId).where('supervisor_id', '=', supervisorId).execute();
  }

  /** Which accounts have an avatar, and its version, for directory pages. */
  async avatarVersions(accountIds: string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    for (let start = 0; start < accountIds.length; start += 500) {
      const rows = await this.db
        .selectFrom('account')
        .select(['id', 'avatar_version'])
        .where('id', 'in', accountIds.slice(start, start + 500))
        .where('avatar_enc', 'is not', null)
        .execute();
      for (const row of rows) versions.set(row.id, row.avatar_version);
    }
    return versions;
  }

  // departments
  departments(orgId: string): Promise<DepartmentRow[]> {
    return this.db.selectFrom('department').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
  }

  department(orgId: string, id: string): Promise<DepartmentRow | undefined> {
    return this.db.selectFrom('department').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  }

  async insertDepartment(row: DepartmentRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('department').values(row).execute();
  }

  async updateDepartment(orgId: string, id: string, changes: Updateable<Database['department']>): Promise<void> {
    await this.db.updateTable('department').set(changes).where('org_id', '=', orgId).where('id', '=', id).execute();
  }

  async departmentIsEmpty(orgId: string, id: string): Promise<boolean> {
    const child = await this.db.selectFrom('department').select('id').where('org_id', '=', orgId).where('parent_id', '=', id).limit(1).executeTakeFirst();
    const member = await this.db
      .selectFrom('member')
      .select('id')
      .where('org_id', '=', orgId)
      .where('department_id', '=', id)
      .where('status', 'in', ['invited', 'active'])
      .limit(1)
      .executeTakeFirst();
    return !child && !member;
  }

  async deleteDepartment(orgId: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // people who left keep no link to a department that no longer exists
      await trx.updateTable('member').set({ department_id: null }).where('org_id', '=', orgId).where('department_id', '=', id).execute();
      await trx.deleteFrom('department').where('org_id', '=', orgId).where('id', '=', id).execute();
    });
  }

  // attestations
  async insertAttestation(row: AttestationRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('attestation').values(row).execute();
  }

  attestation(id: string): Promise<AttestationRow | undefined> {
    return this.db.selectFrom('attestation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // corrections
  async insertCorrection(row: CorrectionRow): Promise<void> {
    await this.db.insertInto('correction_request').values(row).execute();
  }

  correction(orgId: string, id: string): Promise<CorrectionRow | undefined> {
    return this.db.selectFrom('correction_request').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  }

  corrections(orgId: string, filter: { memberId?: string; status?: string }): Promise<CorrectionRow[]> {
    let query = this.db.selectFrom('correction_request').selectAll().where('org_id', '=', orgId);
    if (filter.memberId) query = query.where('member_id', '=', filter.memberId);
    if (filter.status) query = query.where('status', '=', filter.status);
    return query.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
  }

  async decideCorrection(orgId: string, id: string, changes: Updateable<Database['correction_request']>, executor: Kysely<Database> = this.db): Promise<boolean> {
    const result = await executor
      .updateTable('correction_request')
      .set(changes)
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // audit
  async insertAudit(row: AuditRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('org_audit_event').values(row).execute();
  }

  auditEvents(orgId: string, limit: number, before?: number): Promise<AuditRow[]> {
    let query = this.db.selectFrom('org_audit_event').selectAll().where('org_id', '=', orgId);
    if (before !== undefined) query = query.where('occurred_at', '<', before);
    return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  // imports
  async insertImport(row: ImportRow): Promise<void> {
    await this.db.insertInto('invitation_import').values(row).execute();
  }

  importRun(orgId: string, id: string): Promise<ImportRow | undefined> {
    return this.db.selectFrom('invitation_import').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  }

  async updateImport(id: string, changes: Updateable<Database['invitation_import']>): Promise<void> {
    await this.db.updateTable('invitation_import').set(changes).where('id', '=', id).execute();
  }

  async markUnfinishedImportsInterrupted(at: number): Promise<void> {
    await this.db.updateTable('invitation_import').set({ status: 'interrupted', finished_at: at }).where('status', '=', 'running').execute();
  }
}
