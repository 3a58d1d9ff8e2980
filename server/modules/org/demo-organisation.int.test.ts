import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { demoPeople, seedDemoOrganisation } from './demo-organisation.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t.close();
});

describe('the demo organisation of a development start', () => {
  it('lets a demo member sign in and see the directory, departments and superior', async () => {
    expect(await seedDemoOrganisation(t.services)).toBe(true);
    const member = await t.signIn(demoPeople.members[0]!.email);
    const [organisation] = (await t.request({ method: 'GET', url: '/api/orgs', session: member })).json().organisations;
    expect(organisation.myRole).toBe('member');
    const directory = (await t.request({ method: 'GET', url: `/api/orgs/${organisation.id}/members`, session: member })).json().members;
    expect(directory.map((m: { name: string }) => m.name).sort()).toEqual([demoPeople.owner.name, ...demoPeople.members.map((m) => m.name)].sort());
    const me = (await t.request({ method: 'GET', url: `/api/orgs/${organisation.id}/me`, session: member })).json();
    expect(me.department.name).toBe(demoPeople.members[0]!.department);
    expect(me.supervisor.name).toBe(demoPeople.owner.name);
    expect(me.suppliedFields).toEqual(expect.arrayContaining(['name', 'workEmail', 'position', 'departmentId', 'supervisorId']));
  });

  it('is seeded only into a database without organisations', async () => {
    expect(await seedDemoOrganisation(t.services)).toBe(false);
  });
});
