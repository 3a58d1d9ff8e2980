import { randomUUID } from 'node:crypto';
import { HOUR, type Clock } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import { parseIdentifier } from '../../../common/identifier.ts';
import { maskIdentifier } from '../../../common/masking.ts';
import type { Contact, ContactsOverview, IncomingContactRequest } from '../../../common/contacts.ts';
import type { ConversationDetail } from '../../../common/chat.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { AccountService } from '../identity/accounts.service.ts';
import type { RateCounters } from '../security/rate-limits.ts';
import type { ConversationService } from '../chat/conversations.service.ts';
import type { EventBus } from '../../platform/bus/event-bus.ts';
import type { OrgContext } from '../org/org-access.ts';
import type { ContactRow, ContactsRepo } from './contacts.repo.ts';
import type { ContactsSpace } from './contacts-space.ts';

/** Requests a person may send in an hour: plenty for adding people, too few to probe a number range. */
export const CONTACT_REQUESTS_PER_HOUR = 30;

/**
 * Contacts between individual accounts (P2.5, decision 0012): a request by exact number or
 * address, which says the same whether or not anyone uses it; accepting, declining (not told to
 * the requester) and removing (for both); and the direct chat of two contacts.
 */
export class ContactsService {
  constructor(
    private readonly deps: {
      repo: ContactsRepo;
      space: ContactsSpace;
      accounts: AccountService;
      conversations: ConversationService;
      rateCounters: RateCounters;
      bus: EventBus;
      clock: Clock;
      /** names on places in the contacts space, read in one go (the organisation module's) */
      names: (orgId: string, memberIds: string[]) => Promise<Map<string, { name: string; gone: boolean }>>;
    },
  ) {}

  async overview(account: AccountRow): Promise<ContactsOverview> {
    const [contactRows, incomingRows, space] = await Promise.all([this.deps.repo.listed(account.id, 'contact'), this.deps.repo.listed(account.id, 'incoming'), this.deps.space.find()]);
    // a contact is shown by the name on their place, which follows their account's (one query and
    // one key warm-up for a list of any length, read on every visit and by the header's badge)
    const places = await this.deps.space.placesOfAccounts(contactRows.map((row) => row.other_account_id!));
    const placeOf = new Map(places.map((place) => [place.account_id!, place.id]));
    const names = space && places.length ? await this.deps.names(space.id, places.map((place) => place.id)) : new Map<string, { name: string; gone: boolean }>();
    const contacts: Contact[] = [];
    for (const row of contactRows) {
      const memberId = placeOf.get(row.other_account_id!);
      const named = memberId ? names.get(memberId) : undefined;
      if (memberId && named && !named.gone) contacts.push({ id: memberId, name: named.name, since: new Date(Number(row.since ?? row.created_at)).toISOString() });
    }
    const requesters = await this.views(incomingRows);
    const incoming: IncomingContactRequest[] = [];
    for (const row of incomingRows) {
      const view = requesters.get(row.other_account_id!);
      if (view) incoming.push({ id: row.id, name: view.name, hint: maskIdentifier(view.email ?? view.phone ?? ''), sentAt: new Date(Number(row.pending_since ?? row.created_at)).toISOString() });
    }
    const mine = space ? await this.deps.space.placeOf(account.id) : undefined;
    return { spaceId: space?.id ?? null, myMemberId: mine?.id ?? null, contacts, incoming };
  }

  /** A person renamed their account: the name on their place in the contacts space follows, if they have one. */
  async nameChanged(accountId: string, name: string): Promise<void> {
    if (await this.deps.space.placeOf(accountId)) await this.deps.space.join(accountId, name);
  }

  /**
   * Asks the person who uses this number or address to become a contact. Nothing in the answer
   * depends on whether anyone does: no account, an account already asked, or already a contact
   * all look alike. If they had asked first, the two are contacts at once.
   */
  async request(account: AccountRow, rawIdentifier: string): Promise<void> {
    const identifier = parseIdentifier(rawIdentifier);
    if (!identifier) throw new AppError('invalid_identifier');
    const verdict = await this.deps.rateCounters.hit(this.deps.rateCounters.bucket('contact-request-account', account.id), HOUR, CONTACT_REQUESTS_PER_HOUR);
    if (!verdict.allowed) throw new AppError('rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
    const target = await this.deps.accounts.findByIdentifier(identifier);
    if (target?.id === account.id) throw new AppError('own_identifier');
    // P11: a child's name goes to no stranger, and no stranger reaches a child; to the requester a
    // child's number looks like one nobody uses
    if (await this.deps.accounts.isChild(account)) throw new AppError('contacts_not_for_children');
    if (!target || target.status !== 'active' || (await this.deps.accounts.isChild(target))) return;
    const theirs = await this.deps.repo.side(target.id, account.id);
    if (theirs?.state === 'outgoing') {
      await this.becomeContacts(account.id, target.id);
      await this.tell(account.id, target.id);
      return;
    }
    const now = this.deps.clock.now();
    let asked = false;
    let mutual = false;
    await this.retryOnce(() =>
      this.deps.repo.transaction(async (trx) => {
        asked = false;
        const mine = await this.deps.repo.side(account.id, target.id, trx);
        // they asked me between the check above and this transaction (both asked at once): a yes from
        // both. Not covered by a test: in one process the two requests never interleave there
        mutual = mine?.state === 'incoming';
        if (mine) return; // asked already, or contacts
        const rows: ContactRow[] = [{ id: randomUUID(), owner_account_id: account.id, other_account_id: target.id, state: 'outgoing', pending_since: now, since: null, created_at: now }];
        if (!(await this.deps.repo.side(target.id, account.id, trx))) {
          rows.push({ id: randomUUID(), owner_account_id: target.id, other_account_id: account.id, state: 'incoming', pending_since: now, since: null, created_at: now });
          asked = true;
        }
        await this.deps.repo.insert(rows, trx);
      }),
    );
    if (mutual) {
      await this.becomeContacts(account.id, target.id);
      await this.tell(account.id, target.id);
    }
    // only the person asked hears of it: the requester's own devices learn nothing they could compare
    if (asked) await this.tell(target.id);
  }

  async accept(account: AccountRow, requestId: string): Promise<{ spaceId: string; contact: Contact }> {
    const row = await this.deps.repo.byId(account.id, requestId);
    if (!row || row.state !== 'incoming' || !row.other_account_id) throw new AppError('contact_request_not_found');
    const { mine } = await this.becomeContacts(account.id, row.other_account_id);
    await this.tell(account.id, row.other_account_id);
    const view = (await this.views([row])).get(row.other_account_id);
    const place = (await this.deps.space.placeOf(row.other_account_id))?.id;
    const space = await this.deps.space.find();
    if (!view || !place || !space) throw new AppError('contact_request_not_found');
    return { spaceId: space.id, contact: { id: place, name: view.name, since: new Date(mine).toISOString() } };
  }

  /** The requester is not told; their side waits out its 30 days, so asking again changes nothing. */
  async decline(account: AccountRow, requestId: string): Promise<void> {
    const row = await this.deps.repo.byId(account.id, requestId);
    if (!row || row.state !== 'incoming') throw new AppError('contact_request_not_found');
    await this.deps.repo.transaction((trx) => this.deps.repo.delete([row.id], trx));
    await this.tell(account.id);
  }

  /** Ends the contact for both; their direct chat stays readable and takes no new messages. */
  async remove(account: AccountRow, contactId: string): Promise<void> {
    const { other, mine } = await this.contact(account, contactId);
    const theirs = await this.deps.repo.side(other.account_id!, account.id);
    await this.deps.repo.transaction((trx) => this.deps.repo.delete([mine.id, ...(theirs ? [theirs.id] : [])], trx));
    const me = await this.deps.space.placeOf(account.id);
    if (me) await this.deps.conversations.setDirectClosed(other.org_id, [me.id, other.id], true);
    await this.tell(account.id, other.account_id!);
  }

  /** The direct chat with a contact, opened on first use. */
  async openChat(account: AccountRow, contactId: string): Promise<{ spaceId: string; conversation: ConversationDetail; created: boolean }> {
    const { other } = await this.contact(account, contactId);
    const ctx = await this.deps.space.enter(account);
    if (!ctx) throw new AppError('contact_not_found');
    const { conversation, created } = await this.deps.conversations.openDirect(ctx, other.id);
    return { spaceId: ctx.org.id, conversation, created };
  }

  /** For the chat services: which of these places in the contacts space belong to the caller's contacts. */
  async among(ctx: OrgContext, memberIds: string[]): Promise<Array<{ id: string; account_id: string | null }>> {
    const places = await this.deps.space.places(memberIds);
    const contacts = await this.deps.repo.contactsAmong(ctx.account.id, places.map((place) => place.account_id!));
    return places.filter((place) => contacts.has(place.account_id!)).map((place) => ({ id: place.id, account_id: place.account_id }));
  }

  private async contact(account: AccountRow, contactId: string) {
    const [other] = await this.deps.space.places([contactId]);
    const mine = other ? await this.deps.repo.side(account.id, other.account_id!) : undefined;
    if (!other || !mine || mine.state !== 'contact') throw new AppError('contact_not_found');
    return { other, mine };
  }

  /** Both sides become `contact`, both get their place in the space, and a chat closed between them reopens. */
  private async becomeContacts(accountId: string, otherAccountId: string): Promise<{ mine: number }> {
    const now = this.deps.clock.now();
    await this.retryOnce(() =>
      this.deps.repo.transaction(async (trx) => {
        for (const [owner, other] of [
          [accountId, otherAccountId],
          [otherAccountId, accountId],
        ] as const) {
          const side = await this.deps.repo.side(owner, other, trx);
          if (side) {
            if (side.state !== 'contact') await this.deps.repo.update(side.id, { state: 'contact', pending_since: null, since: now }, trx);
          } else await this.deps.repo.insert([{ id: randomUUID(), owner_account_id: owner, other_account_id: other, state: 'contact', pending_since: null, since: now, created_at: now }], trx);
        }
      }),
    );
    const [mine, theirs] = await Promise.all([this.place(accountId), this.place(otherAccountId)]);
    await this.deps.conversations.setDirectClosed(mine.org_id, [mine.id, theirs.id], false);
    return { mine: now };
  }

  private async place(accountId: string) {
    const account = await this.deps.accounts.byId(accountId);
    if (!account) throw new AppError('contact_not_found');
    return this.deps.space.join(accountId, (await this.deps.accounts.view(account)).name);
  }

  private async views(rows: ContactRow[]) {
    const ids = [...new Set(rows.map((row) => row.other_account_id).filter((id): id is string => !!id))];
    const views = new Map<string, { name: string; email: string | null; phone: string | null }>();
    for (const id of ids) {
      const account = await this.deps.accounts.byId(id);
      if (account && account.status !== 'erased') views.set(id, await this.deps.accounts.view(account));
    }
    return views;
  }

  /** Each of these people's devices hears that their contacts or requests changed, and fetches them again. */
  private async tell(...accountIds: string[]): Promise<void> {
    for (const accountId of accountIds) {
      await this.deps.bus.publish({ conversationId: `contacts:${accountId}`, frame: { type: 'contacts_changed' }, accountIds: [accountId] });
    }
  }

  /** Two people acting on the same pair at once: the loser of the unique index tries again, and then sees the winner's rows. */
  private async retryOnce(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch {
      await work();
    }
  }
}
