import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { OrgContext } from '../org/org-access.ts';
import type { MemberRow, OrganisationRow, OrgRepo } from '../org/org.repo.ts';
import { openDetails, sealDetails } from '../org/member-details.ts';
import { selfSuppliedMember } from '../org/self-supplied-member.ts';

/**
 * The one space of chats between contacts (decision 0012): an organisation row of kind
 * `contacts` in which each person with a contact has a member row, their own key and their
 * account's name, and nothing an employer supplies. The chat module then serves chats between
 * contacts as it serves colleagues' chats.
 */
export class ContactsSpace {
  constructor(private readonly deps: { db: Kysely<Database>; repo: OrgRepo; envelope: Envelope; clock: Clock }) {}

  /** The space, or undefined while nobody here has had a contact. */
  async find(): Promise<OrganisationRow | undefined> {
    return this.deps.db.selectFrom('organisation').selectAll().where('kind', '=', 'contacts').executeTakeFirst();
  }

  /** A person's place in the space, if they have one. */
  async placeOf(accountId: string): Promise<MemberRow | undefined> {
    const space = await this.find();
    return space ? this.deps.repo.activeMembership(space.id, accountId) : undefined;
  }

  /** People's places by their member ids in the space (active ones only). */
  async places(memberIds: string[]): Promise<MemberRow[]> {
    const space = await this.find();
    if (!space || !memberIds.length) return [];
    const rows = await this.deps.repo.membersByIds(space.id, [...new Set(memberIds)]);
    return rows.filter((row) => row.status === 'active' && row.account_id);
  }

  /** People's places by their account ids (active ones only). */
  async placesOfAccounts(accountIds: string[]): Promise<MemberRow[]> {
    const space = await this.find();
    const rows: MemberRow[] = [];
    if (!space) return rows;
    const wanted = [...new Set(accountIds)];
    for (let start = 0; start < wanted.length; start += 500) {
      rows.push(
        ...(await this.deps.db
          .selectFrom('member')
          .selectAll()
          .where('org_id', '=', space.id)
          .where('status', '=', 'active')
          .where('account_id', 'in', wanted.slice(start, start + 500))
          .execute()),
      );
    }
    return rows;
  }

  /** Enters the space as this person, for the chat services (they must have a place). */
  async enter(account: AccountRow): Promise<OrgContext | undefined> {
    const space = await this.find();
    const me = space ? await this.deps.repo.activeMembership(space.id, account.id) : undefined;
    return space && me ? { account, org: space, me } : undefined;
  }

  /**
   * Gives a person their place (on their first contact), or brings the name there up to date
   * with their account's: chats show people by the name on their place.
   */
  async join(accountId: string, name: string): Promise<MemberRow> {
    const space = await this.ensure();
    const current = await this.deps.repo.activeMembership(space.id, accountId);
    if (current) {
      const details = await openDetails(this.deps.envelope, current);
      if (!details.erased && details.name !== name) {
        const sealed = await sealDetails(this.deps.envelope, current.key_id, current.id, { name });
        await this.deps.db.updateTable('member').set({ name_enc: sealed.name_enc as Buffer, updated_at: this.deps.clock.now() }).where('id', '=', current.id).execute();
      }
      return current;
    }
    const id = randomUUID();
    const keyId = await this.deps.envelope.createKey('member', id);
    const sealed = await sealDetails(this.deps.envelope, keyId, id, { name });
    const now = this.deps.clock.now();
    const row = selfSuppliedMember({ id, org_id: space.id, account_id: accountId, key_id: keyId, role: 'member', name_enc: sealed.name_enc as Buffer }, now);
    const placed = await this.deps.db.transaction().execute(async (trx) => {
      // the space's row is the lock: two servers placing one person at once place them once
      await trx.updateTable('organisation').set({ updated_at: now }).where('id', '=', space.id).execute();
      const raced = await trx.selectFrom('member').selectAll().where('org_id', '=', space.id).where('account_id', '=', accountId).where('status', '=', 'active').executeTakeFirst();
      if (raced) return raced;
      await this.deps.repo.insertMember(row, trx);
      return row;
    });
    if (placed !== row) await this.deps.envelope.destroyKey(keyId);
    return placed;
  }

  private async ensure(): Promise<OrganisationRow> {
    const found = await this.find();
    if (found) return found;
    const now = this.deps.clock.now();
    const space: OrganisationRow = { id: randomUUID(), name: 'Contacts', region: 'deployment', contact_visibility: 'masked', kind: 'contacts', created_at: now, updated_at: now };
    try {
      await this.deps.repo.insertOrganisation(space);
      return space;
    } catch (error) {
      // another server created it first (the one-space index refused ours)
      const raced = await this.find();
      if (!raced) throw error;
      return raced;
    }
  }
}
