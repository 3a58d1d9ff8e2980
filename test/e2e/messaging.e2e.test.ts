import sharp from 'sharp';
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, colleaguesInOneOrganisation, screenshot, signIn, uniqueId, useBrowser, useServer, waitForCount } from './browser.ts';

/**
 * Messaging in a real browser against a real server process (issue #4, P2.4): two colleagues of one
 * organisation, each in their own Chromium context, chat in real time over the WebSocket. A writes
 * and B sees it arrive without reloading, with an unread badge, and answers; A sees that, and who
 * is typing. Links are safe (a "javascript:" address stays text). One edits and the other recalls,
 * and each sees the other's change; a reaction crosses; a search finds a message and opens its
 * chat; a dropped connection catches up by itself and a send that failed is retried without a
 * duplicate; and a picture is sent and seen, once the server offers attachments (until then that
 * part is skipped, saying why).
 */

const run = uniqueId();
const aliceEmail = `alice-${run}@example.com`;
const bobEmail = `bob-${run}@example.com`;
const aliceName = '王爱丽';
const bobName = '李博';
const firstText = 'Lunch at noon? The plover café on the corner';
const editedText = 'Lunch at one? The plover café on the corner';
const bobReply = '好的，我十二点到。';
const linkText = 'Specs: https://example.com/docs?id=7 and javascript:alert(document.cookie) here';
const whileAway = '会议纪要已经发到群里了';
const afterRetry = 'Sorry, my connection dropped';

const { server, codeFor } = useServer({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
const { newPage, pageErrors } = useBrowser('messaging', { viewport: { width: 1280, height: 860 } });
// Alice's realtime connections pass through the test, which can cut them and, for a while, refuse new ones
const aliceSockets: WebSocketRoute[] = [];
let refuseAliceSockets = false;

const messages = (page: Page) => page.getByTestId('chat-messages').getByTestId('chat-message');
const messageWithText = (page: Page, text: string) => messages(page).filter({ hasText: text });

describe('messaging in a browser', () => {
  let alice: Page;
  let bob: Page;
  let orgId = '';
  let conversationId = '';

  it('puts two colleagues in one organisation', async () => {
    alice = await newPage('alice');
    await alice.routeWebSocket(/\/api\/realtime$/, (socket) => {
      if (refuseAliceSockets) {
        socket.close({ code: 1013, reason: 'try again later' });
        return;
      }
      socket.connectToServer();
      aliceSockets.push(socket);
    });
    bob = await newPage('bob');
    await signIn(alice, server, codeFor, aliceEmail, aliceName);
    await signIn(bob, server, codeFor, bobEmail, bobName);
    orgId = (await colleaguesInOneOrganisation(alice, bob, { name: '锁步消息测试', memberName: bobName, memberEmail: bobEmail })).orgId;
  });

  it('delivers a message to the other person live, with an unread badge, and the reply back', async () => {
    // Bob has the messages page open before anything exists: all that follows reaches him over the socket
    await bob.goto(`${server.baseUrl}/org/${orgId}/chat`);
    await bob.getByTestId('chat-new').waitFor();
    await alice.goto(`${server.baseUrl}/org/${orgId}/chat`);
    await alice.getByTestId('org-tab-chat').waitFor();

    await alice.getByTestId('chat-new').click();
    await alice.getByTestId('chat-new-peer').click();
    await alice.keyboard.type(bobName);
    await alice.locator('.ant-select-item-option-active', { hasText: bobName }).waitFor();
    await alice.keyboard.press('Enter');
    await alice.getByTestId('chat-new-submit').click();
    await alice.waitForURL((url) => /\/chat\/[^/]+$/.test(url.pathname));
    conversationId = new URL(alice.url()).pathname.split('/').at(-1)!;
    await alice.getByTestId('chat-title').filter({ hasText: bobName }).waitFor();

    await alice.getByTestId('chat-composer-input').fill(firstText);
    await alice.getByTestId('chat-composer-input').press('Enter');
    // shown at once, then confirmed by the server's ack
    await messageWithText(alice, firstText).and(alice.locator('[data-state="live"]')).waitFor({ timeout: 15_000 });
    await expect(alice.getByTestId('chat-composer-input').inputValue()).resolves.toBe('');

    const bobItem = bob.locator(`[data-testid="chat-list-item"][data-conversation-id="${conversationId}"]`);
    await bobItem.waitFor({ timeout: 15_000 });
    await bobItem.getByTestId('chat-list-unread').filter({ hasText: '1' }).waitFor({ timeout: 15_000 });
    await expect(bobItem.getByTestId('chat-list-name').textContent()).resolves.toBe(aliceName);
    await expect(bobItem.getByTestId('chat-list-preview').textContent()).resolves.toContain('plover');
    await bob.getByTestId('org-tab-chat-unread').filter({ hasText: '1' }).waitFor();
    await screenshot(bob, 'messaging-unread');

    await bobItem.click();
    await messageWithText(bob, firstText).waitFor();
    // opened and visible: read, so the badge goes
    await waitForCount(bob, 'chat-list-unread', (count) => count === 0, 'the unread badge after opening the chat');

    // Bob types: Alice is told
    await bob.getByTestId('chat-composer-input').pressSequentially('好的');
    await alice.getByTestId('chat-typing').filter({ hasText: bobName }).waitFor({ timeout: 10_000 });
    await bob.getByTestId('chat-composer-input').fill(bobReply);
    await bob.getByTestId('chat-composer-input').press('Enter');
    await messageWithText(alice, bobReply).waitFor({ timeout: 15_000 });
    await expect(messageWithText(alice, bobReply).getByTestId('chat-message-sender').textContent()).resolves.toBe(bobName);
    expect(await alice.getByTestId('chat-list-unread').count()).toBe(0);
  });

  it('keeps a new line with Shift+Enter and shows the 10,000-character limit', async () => {
    const input = alice.getByTestId('chat-composer-input');
    await input.fill('first line');
    await input.press('Shift+Enter');
    await input.pressSequentially('second line');
    await expect(input.inputValue()).resolves.toBe('first line\nsecond line');
    await expect(alice.getByTestId('chat-composer-count').textContent()).resolves.toBe('22 / 10,000');
    await input.fill('x'.repeat(10_001));
    await expect(alice.getByTestId('chat-composer-count').textContent()).resolves.toBe('超出 1 字');
    expect(await alice.getByTestId('chat-send').isDisabled()).toBe(true);
    await input.press('Enter');
    expect(await messages(alice).count()).toBe(2);
    await input.fill('');
  });

  it('renders links safely: http(s) as links that open apart, javascript: as plain text', async () => {
    await alice.getByTestId('chat-composer-input').fill(linkText);
    await alice.getByTestId('chat-composer-input').press('Enter');
    const received = messageWithText(bob, 'Specs:');
    await received.waitFor({ timeout: 15_000 });
    const links = received.getByTestId('chat-message-link');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.com/docs?id=7');
    expect(await links.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await links.getAttribute('target')).toBe('_blank');
    await expect(received.getByTestId('chat-message-text').textContent()).resolves.toBe(linkText);
    expect(await bob.locator('a[href^="javascript" i]').count()).toBe(0);
  });

  it('shows an edit and a recall to the other person as they happen', async () => {
    const mine = messageWithText(alice, firstText);
    await mine.hover();
    await mine.getByTestId('chat-message-menu').click();
    await alice.getByTestId('chat-message-edit').click();
    await alice.getByTestId('chat-edit-input').fill(editedText);
    await alice.getByTestId('chat-edit-input').press('Enter');
    await messageWithText(alice, editedText).getByTestId('chat-message-edited').waitFor();

    const seenByBob = messageWithText(bob, editedText);
    await seenByBob.waitFor({ timeout: 15_000 });
    await expect(seenByBob.getByTestId('chat-message-edited').textContent()).resolves.toBe('（已编辑）');
    expect(await messageWithText(bob, firstText).count()).toBe(0);

    const reply = messageWithText(bob, bobReply);
    await reply.hover();
    await reply.getByTestId('chat-message-menu').click();
    await bob.getByTestId('chat-message-recall').click();
    await bob.locator('.ant-modal-confirm-btns .ant-btn-dangerous').click();
    await bob.locator('[data-testid="chat-message"][data-state="recalled"]').waitFor();

    const tombstone = alice.locator('[data-testid="chat-message"][data-state="recalled"]');
    await tombstone.waitFor({ timeout: 15_000 });
    await expect(tombstone.getByTestId('chat-message-tombstone').textContent()).resolves.toBe('此消息已撤回');
    expect(await messageWithText(alice, bobReply).count()).toBe(0);
  });

  it('passes a reaction on', async () => {
    const theirs = messageWithText(bob, editedText);
    await theirs.hover();
    await theirs.getByTestId('chat-message-react').click();
    await bob.locator('[data-testid="chat-emoji"][data-emoji="👍"]').click();
    await theirs.locator('[data-testid="chat-reaction"][data-emoji="👍"][data-mine="true"]').waitFor();
    const onAlice = messageWithText(alice, editedText).locator('[data-testid="chat-reaction"][data-emoji="👍"]');
    await onAlice.waitFor({ timeout: 15_000 });
    await expect(onAlice.textContent()).resolves.toContain('1');
    expect(await onAlice.getAttribute('data-mine')).toBe('false');
  });

  it('finds a message by a word in it and opens its chat', async () => {
    await bob.goto(`${server.baseUrl}/org/${orgId}/chat`);
    await bob.getByTestId('chat-search').fill('plover');
    const result = bob.getByTestId('chat-search-result');
    await result.first().waitFor({ timeout: 15_000 });
    expect(await result.count()).toBe(1);
    await expect(result.getByTestId('chat-search-result-text').textContent()).resolves.toContain(editedText);
    await expect(result.getByTestId('chat-search-result-chat').textContent()).resolves.toBe(aliceName);
    // a recalled message is not found
    await bob.getByTestId('chat-search').fill('十二点');
    await bob.getByText('没有找到包含这些词的消息').waitFor();
    await bob.getByTestId('chat-search').fill('plover');
    await result.first().click();
    await bob.waitForURL((url) => url.pathname === `/org/${orgId}/chat/${conversationId}`);
    await messageWithText(bob, editedText).and(bob.locator('.chat-message-highlight')).waitFor();
    await screenshot(bob, 'messaging-conversation');
  });

  it('catches up after a dropped connection, and retries a failed send without a duplicate', async () => {
    await alice.goto(`${server.baseUrl}/org/${orgId}/chat/${conversationId}`);
    await messageWithText(alice, editedText).waitFor();
    await alice.locator('[data-testid="chat-offline"]').waitFor({ state: 'detached' });

    // the connection drops, and for a while no new one can be made
    refuseAliceSockets = true;
    for (const socket of aliceSockets.splice(0)) await socket.close({ code: 1012, reason: 'restarting' });
    await alice.getByTestId('chat-offline').waitFor();
    await bob.getByTestId('chat-composer-input').fill(whileAway);
    await bob.getByTestId('chat-composer-input').press('Enter');
    await messageWithText(bob, whileAway).and(bob.locator('[data-state="live"]')).waitFor();

    // Alice's send cannot get through over HTTP either: it shows as not sent, with a retry
    const sends = '**/api/orgs/*/conversations/*/messages';
    await alice.route(sends, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()));
    await alice.getByTestId('chat-composer-input').fill(afterRetry);
    await alice.getByTestId('chat-composer-input').press('Enter');
    await messageWithText(alice, afterRetry).getByTestId('chat-message-failed').waitFor();
    expect(await messageWithText(alice, whileAway).count()).toBe(0);

    // the network is back: the client reconnects by itself and fetches what it missed
    await alice.unroute(sends);
    refuseAliceSockets = false;
    await messageWithText(alice, whileAway).waitFor({ timeout: 30_000 });
    await alice.locator('[data-testid="chat-offline"]').waitFor({ state: 'detached' });

    await messageWithText(alice, afterRetry).getByTestId('chat-message-retry').click();
    await messageWithText(alice, afterRetry).and(alice.locator('[data-state="live"]')).waitFor();
    await messageWithText(bob, afterRetry).waitFor({ timeout: 15_000 });
    await bob.waitForTimeout(500);
    expect(await messageWithText(bob, afterRetry).count()).toBe(1);
    expect(await messageWithText(alice, afterRetry).count()).toBe(1);
  });

  it('makes a group, mentions someone with the @ picker, renames it, and pages back through a long history', async () => {
    await alice.getByTestId('chat-new').click();
    await alice.getByTestId('chat-new-kind-group').click();
    await alice.getByTestId('chat-new-group-name').fill('固件组');
    await alice.getByTestId('chat-new-group-members').click();
    await alice.keyboard.type(bobName);
    await alice.locator('.ant-select-item-option-active', { hasText: bobName }).waitFor();
    await alice.keyboard.press('Enter');
    await alice.keyboard.press('Escape');
    await alice.getByTestId('chat-new-submit').click();
    await alice.waitForURL((url) => /\/chat\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(conversationId));
    const groupId = new URL(alice.url()).pathname.split('/').at(-1)!;
    await alice.getByTestId('chat-title').filter({ hasText: '固件组' }).waitFor();

    const input = alice.getByTestId('chat-composer-input');
    await input.pressSequentially('@李');
    await alice.getByTestId('chat-mention-option').filter({ hasText: bobName }).waitFor();
    await input.press('Enter');
    await expect(input.inputValue()).resolves.toBe(`@${bobName} `);
    await input.pressSequentially('please review the release notes');
    // the caret stayed after the picked name while typing went on
    await expect(input.inputValue()).resolves.toBe(`@${bobName} please review the release notes`);
    await input.press('Enter');

    const groupOnBob = bob.locator(`[data-testid="chat-list-item"][data-conversation-id="${groupId}"]`);
    await groupOnBob.waitFor({ timeout: 15_000 });
    await expect(groupOnBob.getByTestId('chat-list-name').textContent()).resolves.toBe('固件组');
    await groupOnBob.click();
    await expect(messageWithText(bob, 'please review').getByTestId('chat-message-text').textContent()).resolves.toBe(`@${bobName} please review the release notes`);
    const mention = messageWithText(bob, 'please review').getByTestId('chat-message-mention');
    await mention.waitFor();
    await expect(mention.textContent()).resolves.toBe(`@${bobName}`);
    expect(await mention.getAttribute('class')).toContain('chat-mention-me');

    // the owner renames it in the settings drawer; Bob's list follows
    await alice.getByTestId('chat-settings').click();
    await alice.getByTestId('chat-rename-input').fill('固件发布组');
    await alice.getByTestId('chat-rename-save').click();
    await groupOnBob.getByTestId('chat-list-name').filter({ hasText: '固件发布组' }).waitFor({ timeout: 15_000 });
    await alice.keyboard.press('Escape');
    await screenshot(bob, 'messaging-group');

    // a long history: the latest page first, older pages as Bob scrolls up
    for (let index = 1; index <= 70; index++) {
      const sent = await callApi(alice, 'POST', `/api/orgs/${orgId}/conversations/${groupId}/messages`, { clientMessageId: `bulk-${index}`, text: `Release step ${index}` });
      expect(sent.status).toBe(201);
    }
    await messageWithText(bob, 'Release step 70').waitFor({ timeout: 15_000 });
    await bob.reload();
    await messageWithText(bob, 'Release step 70').waitFor();
    expect(await bob.getByTestId('chat-history-start').count()).toBe(0);
    const loaded = await messages(bob).count();
    expect(loaded).toBeLessThan(71);
    for (let tries = 0; tries < 20 && !(await bob.getByTestId('chat-history-start').count()); tries++) {
      await bob.getByTestId('chat-messages').evaluate((element) => element.scrollTo(0, 0));
      await bob.waitForTimeout(300);
    }
    await bob.getByTestId('chat-history-start').waitFor();
    expect(await messages(bob).count()).toBe(71);
    await expect(messages(bob).first().textContent()).resolves.toContain('please review');
  });

  it('sends a picture the other person sees, once the server takes attachments', async (context) => {
    // the attachments endpoint is being built alongside: until it answers, this part says so and waits
    const probe = await alice.evaluate(async (url) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': me.csrfToken }, body: new Uint8Array(0) });
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      return { status: response.status, code: body?.error?.code ?? null };
    }, `/api/orgs/${orgId}/conversations/${conversationId}/attachments?name=probe.png`);
    await alice.goto(`${server.baseUrl}/org/${orgId}/chat/${conversationId}`);
    await bob.goto(`${server.baseUrl}/org/${orgId}/chat/${conversationId}`);
    const picture = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 31, g: 95, b: 191 } } }).png().toBuffer();
    const file = { name: 'blue-square.png', mimeType: 'image/png', buffer: picture };
    if (probe.status === 404 && probe.code === 'not_found') {
      // meanwhile the composer says so plainly and keeps nothing half-attached
      await alice.getByTestId('chat-attach-input').setInputFiles(file);
      await alice.getByText('此服务器暂不支持发送附件。').waitFor();
      expect(await alice.getByTestId('chat-composer-attachment').count()).toBe(0);
      context.skip('the server has no attachments endpoint yet (POST …/attachments answers 404 not_found): this part turns on by itself once it does');
      return;
    }

    await alice.getByTestId('chat-attach-input').setInputFiles(file);
    await alice.locator('[data-testid="chat-composer-attachment"][data-status="ready"]').waitFor({ timeout: 15_000 });
    await alice.getByTestId('chat-send').click();

    const sent = alice.locator('[data-testid="chat-message"][data-state="live"]').filter({ has: alice.getByTestId('chat-attachment-image') });
    await sent.waitFor({ timeout: 15_000 });
    const seen = bob.getByTestId('chat-attachment-image').last();
    await seen.waitFor({ timeout: 15_000 });
    const image = bob.locator('img[data-testid="chat-attachment-image"], [data-testid="chat-attachment-image"] img').last();
    await bob.waitForFunction((element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 0, await image.elementHandle(), { timeout: 15_000 });
    expect(await image.getAttribute('src')).toMatch(new RegExp(`/api/orgs/${orgId}/conversations/${conversationId}/attachments/[^/]+/preview$`));

    // a file that is not a picture: a chip with its name and size, and a link that downloads it
    await alice.getByTestId('chat-attach-input').setInputFiles({ name: '会议纪要.txt', mimeType: 'text/plain', buffer: Buffer.from('Minutes of the firmware meeting\n') });
    await alice.locator('[data-testid="chat-composer-attachment"][data-status="ready"]').waitFor({ timeout: 15_000 });
    await alice.getByTestId('chat-composer-input').fill('the minutes');
    await alice.getByTestId('chat-composer-input').press('Enter');
    const chip = messageWithText(bob, 'the minutes').getByTestId('chat-attachment-file');
    await chip.waitFor({ timeout: 15_000 });
    await expect(chip.getByTestId('chat-attachment-name').textContent()).resolves.toBe('会议纪要.txt');
    await expect(chip.textContent()).resolves.toContain('32 B');
    const href = await chip.getByTestId('chat-attachment-download').getAttribute('href');
    const download = await bob.evaluate(async (url) => {
      const response = await fetch(url!);
      return { status: response.status, disposition: response.headers.get('content-disposition'), text: await response.text() };
    }, href);
    expect(download).toMatchObject({ status: 200, text: 'Minutes of the firmware meeting\n' });
    expect(download.disposition).toMatch(/^attachment;/);
    await screenshot(bob, 'messaging-attachment');
  });

  it('shows where a photo was taken only when its sender consented to keep it', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 160, b: 60 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Acme' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 4321/100' } })
      .toBuffer();
    const sendPhoto = async (name: string) => {
      await alice.getByTestId('chat-attach-input').setInputFiles({ name, mimeType: 'image/jpeg', buffer: photo });
      await alice.locator('[data-testid="chat-composer-attachment"][data-status="ready"]').waitFor({ timeout: 15_000 });
    };
    const setPermission = (granted: boolean) =>
      alice.evaluate(async (body) => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        return (await fetch('/api/me/permissions/chat.photo_location', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }, body })).status;
      }, JSON.stringify({ granted }));

    // off by default: sent without its place, and nothing says otherwise
    await sendPhoto('no-place.jpg');
    expect(await alice.getByTestId('chat-composer-location').count()).toBe(0);
    await alice.getByTestId('chat-composer-input').fill('photo without its place');
    await alice.getByTestId('chat-composer-input').press('Enter');
    await messageWithText(bob, 'photo without its place').getByTestId('chat-attachment-image').waitFor({ timeout: 15_000 });
    expect(await messageWithText(bob, 'photo without its place').getByTestId('chat-attachment-location').count()).toBe(0);

    // granted: the composer says the place goes with it, and the other person sees it
    expect(await setPermission(true)).toBe(200);
    await sendPhoto('with-place.jpg');
    await alice.getByTestId('chat-composer-location').waitFor();
    await alice.getByTestId('chat-composer-input').fill('photo with its place');
    await alice.getByTestId('chat-composer-input').press('Enter');
    const place = messageWithText(bob, 'photo with its place').getByTestId('chat-attachment-location');
    await place.waitFor({ timeout: 15_000 });
    await expect(place.textContent()).resolves.toContain('31.23676, 121.47867');
    expect(await place.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await place.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=31.23676&mlon=121.47867#map=17/31.23676/121.47867');

    // withdrawn: the place is deleted from the photo already sent (a job the withdrawal sets off);
    // the photo and its message stay
    expect(await setPermission(false)).toBe(200);
    await expect
      .poll(
        async () => {
          await bob.reload();
          const message = messageWithText(bob, 'photo with its place');
          await message.getByTestId('chat-attachment-image').waitFor({ timeout: 15_000 });
          return message.getByTestId('chat-attachment-location').count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(0);
  });

  it('threw no script errors in either browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
