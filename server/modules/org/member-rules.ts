import { AppError } from '../../errors.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import { parseIdentifier } from '../../../common/identifier.ts';
import type { OrgRepo } from './org.repo.ts';

export interface WorkContact {
  email: string | null;
  phone: string | null;
  /** the blind indexes to write (under the epoch written now) */
  emailIndex: string | null;
  phoneIndex: string | null;
  /** the values a row may hold for these addresses, one per live blind-index epoch: for lookups */
  lookup: ContactIndexes;
}

export interface ContactIndexes {
  email: string[];
  phone: string[];
}

function invalid(path: string, message: string): AppError {
  return new AppError('invalid_request', { issues: [{ path, message }] }, `The request is not valid: ${message}`);
}

/** The directory's rules: work addresses that parse, departments and superiors inside the same organisation, no loops. */
export class MemberRules {
  constructor(
    private readonly repo: OrgRepo,
    private readonly blindIndex: BlindIndex,
    private readonly envelope: Envelope,
  ) {}

  async workContact(workEmail: string | null | undefined, workPhone: string | null | undefined): Promise<WorkContact> {
    let email: string | null = null;
    let phone: string | null = null;
    if (workEmail) {
      const parsed = parseIdentifier(workEmail);
      if (parsed?.channel !== 'email') throw invalid('body.workEmail', 'the corporate email is not a valid email address');
      email = parsed.value;
    }
    if (workPhone) {
      const parsed = parseIdentifier(workPhone);
      if (parsed?.channel !== 'sms') throw invalid('body.workPhone', 'the work phone must be in international format, like +8613812345678');
      phone = parsed.value;
    }
    const lookup = await this.indexesOf(email, phone);
    return { email, phone, emailIndex: lookup.email[0] ?? null, phoneIndex: lookup.phone[0] ?? null, lookup };
  }

  /**
   * The indexes a person's own verified addresses may be found under in member records. Made from
   * the account's sealed addresses, not its stored indexes: during a blind-index rotation the
   * account and an invitation may be under different epochs (decision 0016).
   */
  async accountIndexes(account: { id: string; key_id: string; email_enc: Buffer | null; phone_enc: Buffer | null }): Promise<ContactIndexes> {
    const open = (column: 'email' | 'phone', sealed: Buffer | null) => (sealed ? this.envelope.openText(sealed, `account.${column}_enc:${account.id}`) : null);
    return this.indexesOf(await open('email', account.email_enc), await open('phone', account.phone_enc));
  }

  private async indexesOf(email: string | null, phone: string | null): Promise<ContactIndexes> {
    return {
      email: email ? await this.blindIndex.candidates('email', email) : [],
      phone: phone ? await this.blindIndex.candidates('phone', phone) : [],
    };
  }

  async department(orgId: string, departmentId: string | null | undefined): Promise<void> {
    if (!departmentId) return;
    if (!(await this.repo.department(orgId, departmentId))) throw new AppError('department_not_found');
  }

  /**
   * A superior is a live member of the same organisation, and following superiors upward from
   * them never comes back to `memberId`.
   */
  async supervisor(orgId: string, memberId: string | null, supervisorId: string | null | undefined): Promise<void> {
    if (!supervisorId) return;
    const members = await this.repo.membersByStatus(orgId, ['invited', 'active']);
    const superiorOf = new Map(members.map((member) => [member.id, member.supervisor_id]));
    if (!superiorOf.has(supervisorId)) throw new AppError('member_not_found');
    if (memberId === null) return;
    let cursor: string | null | undefined = supervisorId;
    const seen = new Set<string>();
    while (cursor && !seen.has(cursor)) {
      if (cursor === memberId) throw new AppError('supervisor_cycle');
      seen.add(cursor);
      cursor = superiorOf.get(cursor);
    }
  }
}
