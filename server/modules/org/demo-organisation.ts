import type { Services } from '../../services.ts';
import type { CheckedInvitation } from './invitations.service.ts';
import type { OrgContext } from './org-access.ts';

/**
 * The demo organisation a developer finds after the first `npm start`: an owner and two members
 * who can sign in through the development outbox, a small department tree and a few open
 * invitations. Development mode only, and only into an empty database.
 */
export const demoPeople = {
  owner: { email: 'admin@demo.lockstep.example', name: '赵敏 Zhao Min' },
  members: [
    { email: 'li.lei@demo.lockstep.example', name: '李雷 Li Lei', position: '固件工程师 Firmware engineer', department: '研发中心 R&D' },
    { email: 'han.meimei@demo.lockstep.example', name: '韩梅梅 Han Meimei', position: '销售经理 Sales manager', department: '销售部 Sales' },
  ],
  invited: [
    { email: 'wang.fang@demo.lockstep.example', name: '王芳 Wang Fang', position: '客服专员 Support specialist', department: '客户服务 Support' },
    { email: 'chen.jie@demo.lockstep.example', name: '陈杰 Chen Jie', position: '测试工程师 QA engineer', department: '研发中心 R&D' },
  ],
};

export async function seedDemoOrganisation(services: Services): Promise<boolean> {
  const { db, accounts, org } = services;
  if (await db.selectFrom('organisation').select('id').where('kind', '=', 'company').limit(1).executeTakeFirst()) return false;

  const newAccount = (email: string, name: string) =>
    db.transaction().execute((trx) => accounts.create({ channel: 'email', value: email }, name, 'zh-CN', trx));
  const owner = await newAccount(demoPeople.owner.email, demoPeople.owner.name);
  const created = await org.organisations.create(owner, { name: demoPeople.owner.name, email: demoPeople.owner.email, phone: null }, { name: 'Kaadas 演示公司 Demo Co.', region: 'CN' });
  const ctx: OrgContext = { account: owner, org: created.org, me: created.me };

  const departments = new Map<string, string>();
  for (const name of ['研发中心 R&D', '销售部 Sales', '客户服务 Support']) departments.set(name, (await org.departments.create(ctx, { name })).id);
  await org.departments.create(ctx, { name: '平台组 Platform', parentId: departments.get('研发中心 R&D') });

  const attestation = await org.invitations.attest(ctx, 'v1');
  const checked = async (person: { email: string; name: string; position: string; department: string }): Promise<CheckedInvitation> => {
    const invitation = await org.invitations.check({ name: person.name, workEmail: person.email, position: person.position, workLocation: '深圳 Shenzhen' });
    invitation.departmentId = departments.get(person.department) ?? null;
    invitation.supervisorId = created.me.id;
    invitation.suppliedFields.push('departmentId', 'supervisorId');
    return invitation;
  };
  const joined = await org.invitations.createBatch(ctx, await Promise.all(demoPeople.members.map(checked)), attestation.id);
  for (const [index, person] of demoPeople.members.entries()) {
    const account = await newAccount(person.email, person.name);
    await org.invitations.respond(account, joined[index]!.id, 'accept');
  }
  await org.invitations.createBatch(ctx, await Promise.all(demoPeople.invited.map(checked)), attestation.id);
  return true;
}
