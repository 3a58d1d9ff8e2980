import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../common/masking.ts';
import { screenshot, signIn, uniqueId, useBrowser, useServer } from './browser.ts';

/**
 * Contacts and the chats between them in a real browser against a real server process (P2.5,
 * decision 0012): two people with no organisation in common. A adds B by B's email on the
 * Contacts page (a bad address and A's own are refused there), B sees the request with A's name
 * and masked address and accepts it, A opens their chat with "Message" and writes, and B, on the
 * contacts' chat page, sees it arrive live. B then removes A: both keep the chat to read, with a
 * notice where the composer was, and A sees that happen without reloading. When A asks again, B,
 * still on a chat page, sees the request counted in the header without reloading.
 */

const run = uniqueId();
const aliceEmail = `alice-${run}@example.com`;
const bobEmail = `bob-${run}@example.com`;
const aliceName = '周爱丽';
const bobName = '陈博文';
const hello = 'Dinner on Friday? The dumpling place near the station';

const { server, codeFor } = useServer({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
const { newPage, pageErrors } = useBrowser('contacts', { viewport: { width: 1280, height: 860 } });

const messageWithText = (page: Page, text: string) => page.getByTestId('chat-messages').getByTestId('chat-message').filter({ hasText: text });

async function requestContact(page: Page, identifier: string): Promise<void> {
  await page.getByTestId('contacts-add-identifier').fill(identifier);
  await page.getByTestId('contacts-add-submit').click();
}

describe('contacts in a browser', () => {
  let alice: Page;
  let bob: Page;
  let conversationId = '';

  it('signs two people up who share no organisation, and shows each an empty Contacts page', async () => {
    alice = await newPage('alice');
    bob = await newPage('bob');
    await signIn(alice, server, codeFor, aliceEmail, aliceName);
    await signIn(bob, server, codeFor, bobEmail, bobName);

    await alice.getByTestId('contacts-link').click();
    await alice.waitForURL((url) => url.pathname === '/contacts');
    await alice.getByTestId('contacts-list-empty').waitFor();
    await alice.getByTestId('contacts-requests-empty').waitFor();
    // no space of chats until a first contact
    expect(await alice.getByTestId('contacts-chats').count()).toBe(0);
  });

  it('refuses what is not a number or address, and one’s own, with the reason on the page', async () => {
    await requestContact(alice, 'not-an-address');
    await expect(alice.getByTestId('contacts-add-error').textContent()).resolves.toBe('请输入有效的邮箱地址，或带国家码的手机号（例如 +8613812345678）');
    expect(await alice.getByTestId('contacts-add-sent').count()).toBe(0);

    await requestContact(alice, aliceEmail);
    await alice.getByTestId('contacts-add-error').filter({ hasText: '这是你自己的手机号或邮箱' }).waitFor();
    // typing again clears the old answer
    await alice.getByTestId('contacts-add-identifier').fill('x');
    expect(await alice.getByTestId('contacts-add-error').count()).toBe(0);
  });

  it('sends a request by email with the same neutral answer, which the other person sees with a masked address', async () => {
    await requestContact(alice, bobEmail);
    await alice.getByTestId('contacts-add-sent').filter({ hasText: '如果有人使用这个手机号或邮箱，对方会看到你的请求。' }).waitFor();
    await expect(alice.getByTestId('contacts-add-identifier').inputValue()).resolves.toBe('');
    // a pending request is not listed back to the one who sent it
    expect(await alice.getByTestId('contact-request').count()).toBe(0);

    // an address nobody uses gets exactly the same answer
    await requestContact(alice, `nobody-${run}@example.com`);
    await alice.getByTestId('contacts-add-sent').waitFor();

    await bob.goto(`${server.baseUrl}/contacts`);
    const request = bob.getByTestId('contact-request');
    await request.waitFor();
    expect(await request.count()).toBe(1);
    await expect(request.getByTestId('contact-request-name').textContent()).resolves.toBe(aliceName);
    const hint = await request.getByTestId('contact-request-hint').textContent();
    expect(hint).toBe(maskIdentifier(aliceEmail));
    expect(hint).not.toContain(`alice-${run}`);
    await bob.getByTestId('contacts-badge').filter({ hasText: '1' }).waitFor();
    await screenshot(bob, 'contacts-request');

    await request.getByTestId('contact-request-accept').click();
    await bob.getByTestId('contacts-requests-empty').waitFor();
    await bob.getByTestId('contact').filter({ hasText: aliceName }).waitFor();
    await bob.getByTestId('contacts-badge').locator('.ant-badge-count').waitFor({ state: 'detached' });
  });

  it('opens a chat with "Message", whose text the other person sees arrive live', async () => {
    // Bob waits on the contacts' chat page: what follows reaches him over the socket
    await bob.getByTestId('contacts-chats').click();
    await bob.waitForURL((url) => url.pathname === '/contacts/chat');
    await bob.getByTestId('chat-new').waitFor();

    await alice.reload();
    const bobOnAlicesList = alice.getByTestId('contact').filter({ hasText: bobName });
    await bobOnAlicesList.waitFor();
    await bobOnAlicesList.getByTestId('contact-message').click();
    await alice.waitForURL((url) => /^\/contacts\/chat\/[^/]+$/.test(url.pathname));
    conversationId = new URL(alice.url()).pathname.split('/').at(-1)!;
    await alice.getByTestId('chat-title').filter({ hasText: bobName }).waitFor();
    // no organisation around it: no organisation tabs
    expect(await alice.getByTestId('org-tab-chat').count()).toBe(0);

    await alice.getByTestId('chat-composer-input').fill(hello);
    await alice.getByTestId('chat-composer-input').press('Enter');
    const sent = messageWithText(alice, hello);
    await sent.and(alice.locator('[data-state="live"]')).waitFor({ timeout: 15_000 });
    // told apart as Alice's own, though the contacts' list never names her own member id
    expect(await sent.getAttribute('data-mine')).toBe('true');

    const bobItem = bob.locator(`[data-testid="chat-list-item"][data-conversation-id="${conversationId}"]`);
    await bobItem.getByTestId('chat-list-unread').filter({ hasText: '1' }).waitFor({ timeout: 15_000 });
    await expect(bobItem.getByTestId('chat-list-name').textContent()).resolves.toBe(aliceName);
    // an open chat carries no closed marker
    expect(await bobItem.getByTestId('chat-list-closed').count()).toBe(0);
    await bobItem.click();
    const received = messageWithText(bob, hello);
    await received.waitFor();
    expect(await received.getAttribute('data-mine')).toBe('false');
    await expect(received.getByTestId('chat-message-sender').textContent()).resolves.toBe(aliceName);
    await screenshot(bob, 'contacts-chat');
  });

  it('offers only contacts for a new chat', async () => {
    await bob.getByTestId('chat-new').click();
    await bob.getByTestId('chat-new-peer').click();
    await bob.locator('.ant-select-item-option', { hasText: aliceName }).waitFor();
    expect(await bob.locator('.ant-select-item-option').count()).toBe(1);
    await bob.locator('.ant-modal-close').click();
    await bob.getByTestId('chat-new-submit').waitFor({ state: 'hidden' });
  });

  it('keeps the chat readable but closed for both once one removes the other, live on the other side', async () => {
    await alice.getByTestId('chat-composer').waitFor();

    await bob.goto(`${server.baseUrl}/contacts`);
    const aliceOnBobsList = bob.getByTestId('contact').filter({ hasText: aliceName });
    await aliceOnBobsList.getByTestId('contact-remove').click();
    await bob.locator('.ant-popconfirm').filter({ hasText: '你们的单聊仍然可以查看，但不能再发送新消息。' }).waitFor();
    await bob.getByTestId('contact-remove-confirm').click();
    await bob.getByTestId('contacts-list-empty').waitFor();

    // Alice still has the chat open: the notice replaces her composer without a reload
    await alice.getByTestId('chat-closed').filter({ hasText: '你们已不再是联系人。这个聊天会保留，但不能再发送新消息。' }).waitFor({ timeout: 15_000 });
    expect(await alice.getByTestId('chat-composer').count()).toBe(0);
    await messageWithText(alice, hello).waitFor();
    // still called after Bob, who is gone only as a contact
    await expect(alice.getByTestId('chat-title').textContent()).resolves.toBe(bobName);
    // and her chat list marks it closed, quietly, with the reason on hover
    const closedMark = alice.locator(`[data-testid="chat-list-item"][data-conversation-id="${conversationId}"]`).getByTestId('chat-list-closed');
    await closedMark.filter({ hasText: '已关闭' }).waitFor({ timeout: 15_000 });
    await expect(closedMark.getAttribute('title')).resolves.toBe('你们已不再是联系人。这个聊天会保留，但不能再发送新消息。');
    await screenshot(alice, 'contacts-chat-closed');

    await bob.goto(`${server.baseUrl}/contacts/chat/${conversationId}`);
    await messageWithText(bob, hello).waitFor();
    await bob.getByTestId('chat-closed').waitFor();
    await bob.locator(`[data-testid="chat-list-item"][data-conversation-id="${conversationId}"]`).getByTestId('chat-list-closed').waitFor();
    expect(await bob.getByTestId('chat-composer').count()).toBe(0);

    await alice.goto(`${server.baseUrl}/contacts`);
    await alice.getByTestId('contacts-list-empty').waitFor();
  });

  it('counts a new request in the header of someone on a chat page, without a reload', async () => {
    // Bob is still on their closed chat, where the realtime socket is open; Alice, on Contacts, asks again
    await bob.getByTestId('chat-closed').waitFor();
    await bob.getByTestId('contacts-badge').locator('.ant-badge-count').waitFor({ state: 'detached' });
    await requestContact(alice, bobEmail);
    await alice.getByTestId('contacts-add-sent').waitFor();

    // well inside the badge's one-minute refetch: only the socket's contacts_changed can bring it this soon
    await bob.getByTestId('contacts-badge').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await bob.getByTestId('contacts-link').click();
    await bob.waitForURL((url) => url.pathname === '/contacts');
    await bob.getByTestId('contact-request').filter({ hasText: aliceName }).waitFor();
  });

  it('threw no script errors in either browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
