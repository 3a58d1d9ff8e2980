import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signIn, uniqueId, useBrowser, useServer, waitForCount } from './browser.ts';

/**
 * Organisations as an admin and a new member meet them, in a real browser against a real server
 * process: the admin registers an organisation, adds a department and invites someone by
 * corporate email (ticking the attestation); the invitee sees exactly what the employer
 * supplied, joins, and asks for a correction of their position; the admin approves it and the
 * member sees the corrected record.
 */

const run = uniqueId();
const adminEmail = `admin-${run}@example.com`;
const memberEmail = `li.lei-${run}@corp.example.com`;
const orgName = '锁步测试科技';
const departmentName = '研发部';

const { server, codeFor } = useServer({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
const { newPage, pageErrors } = useBrowser('organisations');

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

describe('organisations in a browser', () => {
  let admin: Page;
  let member: Page;
  let orgId = '';

  it('lets a new account register an organisation from the header switcher', async () => {
    admin = await newPage('admin');
    await signIn(admin, server, codeFor, adminEmail, '王管理');
    await admin.getByTestId('org-switcher').click();
    await admin.getByTestId('org-switcher-create').click();
    await admin.waitForURL((url) => url.pathname === '/orgs/new');
    await admin.getByTestId('org-name').fill(orgName);
    await admin.getByTestId('org-create-submit').click();
    await admin.waitForURL((url) => /^\/org\/[^/]+\/admin\/members$/.test(url.pathname));
    orgId = new URL(admin.url()).pathname.split('/')[2]!;
    expect(await admin.evaluate(() => localStorage.getItem('lockstep.orgId'))).toBe(orgId);
    await expect(text(admin, 'org-title')).resolves.toBe(orgName);
    await expect(text(admin, 'org-switcher-current')).resolves.toBe(orgName);
    // the owner is the organisation's first member
    await waitForCount(admin, 'admin-member-row', (count) => count === 1, 'the owner in the member list');
  });

  it('creates a department', async () => {
    await admin.getByTestId('admin-nav-departments').click();
    await admin.getByTestId('department-new').click();
    await admin.getByTestId('department-name').fill(departmentName);
    await admin.getByTestId('department-save').click();
    await waitForCount(admin, 'department-node', (count) => count === 1, 'the new department');
    await expect(text(admin, 'department-node-name')).resolves.toBe(departmentName);
  });

  it('invites a member by corporate email, only after ticking the attestation', async () => {
    await admin.getByTestId('admin-nav-invitations').click();
    await admin.getByTestId('invite-name').fill('李雷');
    await admin.getByTestId('invite-email').fill(memberEmail);
    await admin.getByTestId('invite-position').fill('工程师');
    await admin.getByTestId('invite-department').click();
    await admin.locator('.ant-select-tree-node-content-wrapper', { hasText: departmentName }).click();

    await expect(text(admin, 'attestation-text')).resolves.toContain('本组织确认');
    expect(await admin.getByTestId('invite-submit').isDisabled()).toBe(true);
    await admin.getByTestId('invite-attestation').check();
    expect(await admin.getByTestId('invite-submit').isDisabled()).toBe(false);
    await admin.getByTestId('invite-submit').click();

    await waitForCount(admin, 'pending-invitation-row', (count) => count === 1, 'the open invitation');
    await expect(text(admin, 'pending-invitation-status')).resolves.toBe('待接受');
    // the form starts over, with the attestation unticked for the next person
    await expect(admin.getByTestId('invite-name').inputValue()).resolves.toBe('');
    expect(await admin.getByTestId('invite-submit').isDisabled()).toBe(true);
  });

  it('shows the invitee exactly the fields the employer supplied, and lets them join', async () => {
    member = await newPage('member');
    // the invitation's link (/invitations) sends a newcomer to sign up, accepting the policy like anyone, and back
    await signIn(member, server, codeFor, memberEmail, '李雷', {
      from: '/invitations',
      beforeSignUp: async (page) => {
        expect(await page.getByTestId('signin-policy-link').getAttribute('href')).toMatch(/^\/policy\?version=[0-9a-f-]{36}&lang=zh-CN$/);
        await page.getByTestId('signin-verify').click();
        await page.getByTestId('signin-policy').locator('.ant-form-item-explain-error').waitFor();
        expect(new URL(page.url()).pathname).toBe('/sign-in');
      },
    });
    await waitForCount(member, 'invitation-card', (count) => count === 1, 'the invitation');

    await expect(text(member, 'invitation-org')).resolves.toBe(orgName);
    await expect(text(member, 'supplied-name')).resolves.toBe('李雷');
    await expect(text(member, 'supplied-workEmail')).resolves.toBe(memberEmail);
    await expect(text(member, 'supplied-position')).resolves.toBe('工程师');
    await expect(text(member, 'supplied-departmentId')).resolves.toBe(departmentName);
    // the admin supplied no phone, location or superior, so none is listed, not even as empty
    for (const unsupplied of ['workPhone', 'workLocation', 'supervisorId', 'workStatus']) {
      expect(await member.getByTestId(`supplied-${unsupplied}`).count(), unsupplied).toBe(0);
    }
    await expect(text(member, 'invitation-supplied-by')).resolves.toBe('王管理');
    await expect(member.getByTestId('invitation-attestation').textContent()).resolves.toContain('本组织确认');
    await expect(member.getByTestId('invitation-corrections-hint').textContent()).resolves.toContain('申请更正');
    await screenshot(member, 'invitations');

    await member.getByTestId('invitation-accept').click();
    await member.waitForURL((url) => url.pathname === `/org/${orgId}/me`);
  });

  it('lets the member ask for a correction of the position on My record', async () => {
    await waitForCount(member, 'my-record-position', (count) => count === 1, 'my record');
    await expect(text(member, 'my-record-position')).resolves.toBe('工程师');
    await expect(text(member, 'my-record-departmentId')).resolves.toBe(departmentName);
    await expect(text(member, 'my-record-workEmail')).resolves.toBe(memberEmail);
    expect(await member.getByTestId('my-record-field-position').getByTestId('employer-managed').count()).toBe(1);

    await member.getByTestId('request-correction-position').click();
    await member.getByTestId('correction-proposed-value').fill('高级工程师');
    await member.getByTestId('correction-note').fill('入职时定级为高级工程师');
    await member.getByTestId('correction-submit').click();
    await waitForCount(member, 'my-correction-row', (count) => count === 1, 'the correction request');
    await expect(member.getByTestId('my-correction-row').getAttribute('data-status')).resolves.toBe('pending');
    expect(await member.getByTestId('request-correction-position').isDisabled()).toBe(true);
    await screenshot(member, 'my-record-pending');
  });

  it('lets the admin approve the correction from the queue', async () => {
    await admin.getByTestId('admin-nav-corrections').click();
    await waitForCount(admin, 'correction-row', (count) => count === 1, 'the pending correction');
    await expect(text(admin, 'queue-proposed')).resolves.toBe('高级工程师');
    await admin.getByTestId('correction-approve').click();
    await waitForCount(admin, 'correction-row', (count) => count === 0, 'the queue emptied');

    await admin.getByTestId('admin-nav-audit').click();
    await admin.locator('[data-testid="audit-row"][data-action="correction.approved"]').waitFor();
    await expect(admin.locator('[data-testid="audit-row"][data-action="correction.approved"] [data-testid="audit-action"]').textContent()).resolves.toBe('通过更正');
  });

  it('shows the member the corrected position after a reload', async () => {
    await member.reload();
    await waitForCount(member, 'my-record-position', (count) => count === 1, 'my record after reload');
    await expect(text(member, 'my-record-position')).resolves.toBe('高级工程师');
    await expect(member.getByTestId('my-correction-row').getAttribute('data-status')).resolves.toBe('approved');
    await screenshot(member, 'my-record');
  });

  it('lists both people in the admin console and the directory', async () => {
    await admin.getByTestId('admin-nav-members').click();
    await waitForCount(admin, 'admin-member-row', (count) => count === 2, 'owner and new member');
    const row = admin.getByTestId('admin-member-row').filter({ hasText: '李雷' });
    await expect(row.getByTestId('admin-member-position').textContent()).resolves.toBe('高级工程师');
    await screenshot(admin, 'admin-members');

    await member.getByTestId('org-tab-directory').click();
    await waitForCount(member, 'directory-row', (count) => count === 2, 'the directory');
    await member.getByTestId('directory-search').fill('李');
    await waitForCount(member, 'directory-row', (count) => count === 1, 'searching 李');
    // contacts stay masked for a plain member of an organisation that shows masked contacts
    await expect(text(member, 'contact-email')).resolves.not.toContain(memberEmail.split('@')[0]!);
  });

  it('raised no uncaught error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
