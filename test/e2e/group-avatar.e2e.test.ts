import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, colleaguesInOneOrganisation, screenshot, signIn, uniqueId, useBrowser, useServer } from './browser.ts';

/**
 * A group's picture in a real browser (issue #4: group chats with a name and an avatar): the owner
 * uploads one in the chat's settings and it shows in the chat's header; a member, whose messages
 * page is open, sees it arrive in the chat list without reloading, and is not offered the upload;
 * when the owner removes it, both see the group icon again.
 */

const run = uniqueId();
const ownerEmail = `group-owner-${run}@example.com`;
const memberEmail = `group-member-${run}@example.com`;
const ownerName = '周群主';
const memberName = '吴成员';

const { server, codeFor } = useServer({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
const { newPage, pageErrors } = useBrowser('group-avatar', { viewport: { width: 1280, height: 860 } });

/** Whether the picture in a chat avatar has loaded (an image the browser could decode). */
const pictureLoaded = (scope: Locator) => scope.locator('[data-testid="group-avatar-picture"] img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

describe('a group’s picture in a browser', () => {
  let owner: Page;
  let member: Page;
  let orgId = '';
  let groupId = '';

  it('puts two colleagues in one group', async () => {
    owner = await newPage('owner');
    member = await newPage('member');
    await signIn(owner, server, codeFor, ownerEmail, ownerName);
    await signIn(member, server, codeFor, memberEmail, memberName);
    const colleagues = await colleaguesInOneOrganisation(owner, member, { name: '群头像测试', memberName, memberEmail });
    orgId = colleagues.orgId;
    const group = await callApi<{ conversation: { id: string } }>(owner, 'POST', `/api/orgs/${orgId}/conversations`, { kind: 'group', name: '设计组', memberIds: [colleagues.memberId] });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    groupId = group.body.conversation.id;
  });

  it('shows the picture the owner uploads in the header, and in the member’s list live', async () => {
    await member.goto(`${server.baseUrl}/org/${orgId}/chat`);
    const memberItem = member.locator(`[data-testid="chat-list-item"][data-conversation-id="${groupId}"]`);
    await memberItem.getByTestId('group-avatar-icon').waitFor();

    await owner.goto(`${server.baseUrl}/org/${orgId}/chat/${groupId}`);
    await owner.getByTestId('chat-title').filter({ hasText: '设计组' }).waitFor();
    await owner.getByTestId('chat-view').getByTestId('group-avatar-icon').waitFor();
    await owner.getByTestId('chat-settings').click();
    const settings = owner.getByTestId('chat-avatar-settings');
    await settings.waitFor();
    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 144, b: 255 } } }).jpeg().toBuffer();
    await settings.locator('input[type="file"]').setInputFiles({ name: 'team.jpg', mimeType: 'image/jpeg', buffer: picture });

    await settings.getByTestId('group-avatar-picture').waitFor({ timeout: 15_000 });
    await owner.getByTestId('chat-view').getByTestId('group-avatar-picture').waitFor();
    await expect.poll(() => pictureLoaded(owner.getByTestId('chat-view')), { timeout: 10_000 }).toBe(true);
    await screenshot(owner, 'group-avatar-settings');

    await memberItem.getByTestId('group-avatar-picture').waitFor({ timeout: 15_000 });
    await expect.poll(() => pictureLoaded(memberItem), { timeout: 10_000 }).toBe(true);
  });

  it('does not offer a member the upload', async () => {
    await member.locator(`[data-testid="chat-list-item"][data-conversation-id="${groupId}"]`).click();
    await member.getByTestId('chat-settings').click();
    const settings = member.getByTestId('chat-avatar-settings');
    await settings.getByTestId('group-avatar-picture').waitFor();
    await settings.filter({ hasText: '只有群主和管理员可以修改群头像' }).waitFor();
    expect(await settings.getByTestId('chat-avatar-upload').count()).toBe(0);
    expect(await settings.getByTestId('chat-avatar-remove').count()).toBe(0);
    await member.keyboard.press('Escape');
  });

  it('goes back to the group icon for everyone when the owner removes it', async () => {
    await owner.getByTestId('chat-avatar-remove').click();
    await owner.getByTestId('chat-avatar-settings').getByTestId('group-avatar-icon').waitFor({ timeout: 15_000 });
    await owner.getByTestId('chat-view').getByTestId('group-avatar-icon').waitFor();
    await member.getByTestId('chat-view').getByTestId('group-avatar-icon').waitFor({ timeout: 15_000 });
    await member.locator(`[data-testid="chat-list-item"][data-conversation-id="${groupId}"]`).getByTestId('group-avatar-icon').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
