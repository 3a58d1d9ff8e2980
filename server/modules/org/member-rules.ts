import { AppError } from '../../errors.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import { parseIdentifier } from '../../../common/identifier.ts';
import type { OrgRepo } from './org.repo.ts';

export interface WorkContact {
  email: string | null;
  phone: string | null;
  emailIndex: string | null;
  phoneIndex: string | null;
}

function invalid(path: string, message: string): AppError {
  return new AppError('invalid_request', { issues: [{ path, message }] }, `The request is not valid: ${message}`);
}

/** The directory's rules: work addresses that parse, departments and superiors inside the same organisation, no loops. */
export class MemberRules {
  constructor(
    private readonly repo: OrgRepo,
    private readonly blindIndex: BlindIndex,
  ) {}

  workContact(workEmail: string | null | undefined, workPhone: string | null | undefined): WorkContact {
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
    return {
      email,
      phone,
      emailIndex: email ? this.blindIndex.of('email', email) : null,
      phoneIndex: phone ? this.blindIndex.of('phone', phone) : null,
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
