import { parseIdentifier } from '../../../common/identifier.ts';
import { maskEmail, maskPhone } from '../../../common/masking.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { OrgRepo } from './org.repo.ts';
import type { MemberRules } from './member-rules.ts';
import type { MemberService, MemberView } from './members.service.ts';
import type { ContactGuesses } from './contact-guesses.ts';
import { GUESSES_PER_MASK_PER_DAY } from './contact-guesses.ts';
import { mayRevealContact } from './org.policy.ts';

type ContactField = 'workEmail' | 'workPhone';

/**
 * Wrong guesses answered a day per masked value, for those who may not reveal full values. An
 * email's mask ("a***@example.com") hides a local part that the colleague's name mostly predicts,
 * so no budget above zero would protect it: emails are compared only for those who may reveal.
 */
const guessBudget: Record<ContactField, number> = { workPhone: GUESSES_PER_MASK_PER_DAY, workEmail: 0 };

interface Candidate {
  field: ContactField;
  /** what a record may hold for this entry: one index per live blind-index epoch (decision 0016) */
  indexes: string[];
  masked: string;
}

export interface ContactMatches {
  views: MemberView[];
  /** entries left uncompared: emails whose mask a colleague's shares, and guesses over the day's budget */
  unanswered: number;
}

/**
 * Which contacts from a person's address book are active colleagues (P0.3; decision 0013). It may
 * tell no one more than they could see anyway (P7.2): to those who may reveal full values a match
 * is a reveal; to others, a number confirms a colleague only within a daily budget of guesses at
 * that colleague's mask. Every confirmation is audited like a reveal. The address book is
 * compared through blind indexes and kept nowhere; the caller checks the permission first.
 */
export class ContactMatchService {
  constructor(private readonly deps: { repo: OrgRepo; access: OrgAccess; rules: MemberRules; members: MemberService; guesses: ContactGuesses }) {}

  async match(ctx: OrgContext, contacts: { emails: string[]; phones: string[] }): Promise<ContactMatches> {
    this.deps.access.authorize(ctx, 'directory.read');
    await this.deps.guesses.countRequest(ctx.me.id);
    const candidates = await this.candidates(contacts);
    const colleagues = await this.deps.members.open((await this.deps.repo.membersByStatus(ctx.org.id, ['active'])).filter((row) => row.id !== ctx.me.id));
    const matched = new Map<string, { view: MemberView; fields: Set<ContactField> }>();
    const note = (view: MemberView, field: ContactField) => {
      const entry = matched.get(view.row.id) ?? { view, fields: new Set<ContactField>() };
      entry.fields.add(field);
      matched.set(view.row.id, entry);
    };
    const indexOf = (view: MemberView, field: ContactField) => (field === 'workEmail' ? view.row.work_email_index : view.row.work_phone_index);
    let unanswered = 0;

    if (mayRevealContact(ctx.org, ctx.me)) {
      const byIndex = new Map<string, { view: MemberView; field: ContactField }>();
      for (const view of colleagues) {
        for (const field of ['workEmail', 'workPhone'] as const) {
          const index = indexOf(view, field);
          if (index) byIndex.set(`${field}:${index}`, { view, field });
        }
      }
      for (const candidate of candidates) {
        const found = candidate.indexes.map((index) => byIndex.get(`${candidate.field}:${index}`)).find((entry) => entry !== undefined);
        if (found) note(found.view, found.field);
      }
    } else {
      // a candidate whose mask no colleague's shares cannot match: the masked directory already says so
      const byMask = new Map<string, MemberView[]>();
      for (const view of colleagues) {
        for (const field of ['workEmail', 'workPhone'] as const) {
          const value = view.details[field];
          if (!value) continue;
          const key = maskKey(field, value);
          byMask.set(key, [...(byMask.get(key) ?? []), view]);
        }
      }
      const refusedHere = new Set<string>();
      for (const candidate of candidates) {
        const key = `${candidate.field}:${candidate.masked}`;
        const owners = byMask.get(key);
        if (!owners) continue;
        // once a mask is refused, the rest of this request's guesses at it are too, uncounted
        if (refusedHere.has(key) || !(await this.deps.guesses.take(ctx.me.id, key, guessBudget[candidate.field]))) {
          unanswered++;
          if (!refusedHere.has(key) && guessBudget[candidate.field] > 0 && (await this.deps.guesses.firstRefusal(ctx.me.id, key))) {
            for (const owner of owners) await this.deps.access.audit(ctx, { action: 'contact.guessesRefused', targetMemberId: owner.row.id, detail: { field: candidate.field } });
          }
          refusedHere.add(key);
          continue;
        }
        const owner = owners.find((view) => candidate.indexes.includes(indexOf(view, candidate.field) ?? ''));
        if (!owner) continue;
        await this.deps.guesses.confirmed(ctx.me.id, key);
        note(owner, candidate.field);
      }
    }

    for (const { view, fields } of matched.values()) {
      await this.deps.access.audit(ctx, { action: 'contact.matched', targetMemberId: view.row.id, detail: { fields: [...fields].sort() } });
    }
    return { views: colleagues.filter((view) => matched.has(view.row.id)), unanswered };
  }

  /** The address book's entries that parse, once each, in the order given. */
  private async candidates(contacts: { emails: string[]; phones: string[] }): Promise<Candidate[]> {
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    const add = async (field: ContactField, value: string) => {
      const contact = field === 'workEmail' ? await this.deps.rules.workContact(value, null) : await this.deps.rules.workContact(null, value);
      const indexes = field === 'workEmail' ? contact.lookup.email : contact.lookup.phone;
      if (seen.has(`${field}:${value}`)) return;
      seen.add(`${field}:${value}`);
      candidates.push({ field, indexes, masked: field === 'workEmail' ? maskEmail(value) : maskPhone(value) });
    };
    for (const email of contacts.emails) {
      const parsed = parseIdentifier(email);
      if (parsed?.channel === 'email') await add('workEmail', parsed.value);
    }
    for (const phone of contacts.phones) {
      const parsed = parseIdentifier(phone);
      if (parsed?.channel === 'sms') await add('workPhone', parsed.value);
    }
    return candidates;
  }
}

function maskKey(field: ContactField, value: string): string {
  return `${field}:${field === 'workEmail' ? maskEmail(value) : maskPhone(value)}`;
}
