import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adultBirthDate, outboxMessages, pickBirthDate, screenshot, sendFreshCode, uniqueId, useBrowser, useServer, type CodeReader } from './browser.ts';
import type { RunningServer } from './server-process.ts';

/**
 * A child under 14 and their guardian, in a real browser against a real server process (privacy
 * policy section 11): the child's sign-up asks the date of birth and then a guardian's address,
 * and ends waiting, without a session; the guardian answers from the link in their message,
 * without an account; the child can then sign in; and the guardian, signed up with the same
 * address, finds the child under "My children" in the privacy centre, downloads and erases their
 * data. A second child mistypes the guardian's address, corrects it on the waiting page and sends
 * the code again; that request is refused, which erases the account at once.
 */

const id = uniqueId();
const childEmail = `child-${id}@example.com`;
const secondChildEmail = `child2-${id}@example.com`;
const guardianEmail = `parent-${id}@example.com`;
const mistypedGuardianEmail = `qarent-${id}@example.com`;
const childName = '小明';
const guardianName = '王妈妈';

const { newPage, pageErrors } = useBrowser('guardian', { acceptDownloads: true });

/** Waits a moment between tries of something only the clock unblocks (the 1 s cooldown between codes). */
const tick = (page: Page) => page.waitForTimeout(200);

/** Asks for a sign-in code, again after a tick while the server says the last one to this address was too recent, and enters it. */
async function enterSignInCode(page: Page, server: RunningServer, codeFor: CodeReader, email: string): Promise<void> {
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByTestId('signin-identifier').fill(email);
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.getByTestId('signin-send').click();
    await page.locator('[data-testid="signin-code"], [data-testid="signin-error"]').first().waitFor();
    if (await page.getByTestId('signin-code').count()) break;
    if (Date.now() > deadline) throw new Error(`no code could be sent to ${email}: ${await page.getByTestId('signin-error').textContent()}`);
    await tick(page);
  }
  await page.getByTestId('signin-code').fill(await codeFor(email));
  await page.getByTestId('signin-verify').click();
}

/** The consent request in the guardian's message: the page it links to and the code. */
async function consentRequest(server: RunningServer, codeFor: CodeReader): Promise<{ link: string; code: string }> {
  const code = await codeFor(guardianEmail);
  const message = (await outboxMessages(server)).find((entry) => entry.recipient === guardianEmail && entry.code === code);
  const link = /https?:\/\/\S+?\/guardian\/[0-9a-f-]{36}/.exec(message?.text ?? '')?.[0];
  if (!link) throw new Error(`the guardian's message has no consent link: ${message?.text}`);
  return { link, code };
}

/** A child signs up with a birth date ten years back and names the guardian; the page then waits for the guardian. */
async function childSignsUp(page: Page, server: RunningServer, codeFor: CodeReader, email: string, name: string, look = false, guardian = guardianEmail) {
  await enterSignInCode(page, server, codeFor, email);
  await page.getByTestId('signin-name').fill(name);
  // the guardian's field appears as soon as the date says "under 14", before anything is sent
  expect(await page.getByTestId('signin-guardian-step').count()).toBe(0);
  await pickBirthDate(page, `${new Date().getUTCFullYear() - 10}-01-01`);
  await page.getByTestId('signin-guardian-step').waitFor();
  expect(await page.getByTestId('signin-verify').textContent()).toContain('请家长或监护人同意');
  await page.getByTestId('signin-guardian').fill(guardian);
  await page.getByTestId('signin-accept-policy').check();
  if (look) await screenshot(page, 'guardian-child-sign-up');
  await page.getByTestId('signin-verify').click();
  const waiting = page.getByTestId('signin-awaiting-guardian');
  await waiting.waitFor();
  const text = (await waiting.textContent()) ?? '';
  expect(text).toContain(`${guardian[0]}***@example.com`);
  expect(text).toContain('7 天');
  // where it went, when, and the deadline, which an unanswered request erases the account by
  expect(await page.getByTestId('awaiting-guardian-target').textContent()).toBe(`${guardian[0]}***@example.com`);
  expect(await page.getByTestId('awaiting-sent-at').textContent()).toBeTruthy();
  expect(await page.getByTestId('awaiting-expires-at').textContent()).toBeTruthy();
  // no session for a child until the guardian consents
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('lockstep_session');
}

describe('a child under 14 and their guardian in a browser', () => {
  // the guardian asks for a code to erase straight after the one to download
  const { server, codeFor } = useServer({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
  let child: Page;
  let guardian: Page;

  it('asks a child for a guardian at sign-up, and keeps the account waiting without a session', async () => {
    child = await newPage('child');
    await childSignsUp(child, server, codeFor, childEmail, childName, true);
    await screenshot(child, 'guardian-child-waiting');
    expect(await child.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
  });

  it('lets the guardian consent from the link in their message, without an account', async () => {
    const { link, code } = await consentRequest(server, codeFor);
    guardian = await newPage('guardian');
    await guardian.goto(link);
    await guardian.getByTestId('guardian-explanation').waitFor();
    await screenshot(guardian, 'guardian-consent');

    // until then the child cannot sign in: a code shows them the request again, still without a session
    await enterSignInCode(child, server, codeFor, childEmail);
    await child.getByTestId('signin-awaiting-guardian').waitFor();
    expect(await child.getByTestId('awaiting-guardian-target').textContent()).toBe('p***@example.com');
    expect(child.url()).toMatch(/\/sign-in$/);
    expect((await child.context().cookies()).map((cookie) => cookie.name)).not.toContain('lockstep_session');

    // a wrong code says how many tries are left; the right one still works afterwards
    await guardian.getByTestId('guardian-code').fill(code === '000000' ? '111111' : '000000');
    await guardian.getByTestId('guardian-approve').click();
    expect(await guardian.getByTestId('guardian-error').textContent()).toContain('还可以再试 4 次');
    await guardian.getByTestId('guardian-code').fill(code);
    await guardian.getByTestId('guardian-approve').click();
    await guardian.getByTestId('guardian-approved').waitFor();
    await screenshot(guardian, 'guardian-approved');
    expect(await guardian.context().cookies()).toEqual([]);
  });

  it('lets the child sign in once the guardian consented', async () => {
    // the code asked for while consent was pending went unused: this is a new one, once the cooldown is over
    await enterSignInCode(child, server, codeFor, childEmail);
    await child.waitForURL((url) => url.pathname === '/me', { timeout: 15_000 });
    await child.getByTestId('account-menu').waitFor();
    expect(await child.getByTestId('account-menu').getAttribute('aria-label')).toBe(childName);
  });

  it('shows the guardian, signed up with the same address, the child under "My children"', async () => {
    // from the outcome page straight to the privacy centre
    await guardian.getByTestId('guardian-sign-in').click();
    await guardian.getByTestId('signin-identifier').fill(guardianEmail);
    await guardian.getByTestId('signin-send').click();
    await guardian.getByTestId('signin-code').fill(await codeFor(guardianEmail));
    await guardian.getByTestId('signin-verify').click();
    // everyone who signs up gives a date of birth; an adult's asks nothing more
    await guardian.getByTestId('signin-name').fill(guardianName);
    await guardian.getByTestId('signin-verify').click();
    await guardian.getByText('请选择你的出生日期').waitFor();
    await pickBirthDate(guardian, adultBirthDate);
    expect(await guardian.getByTestId('signin-guardian-step').count()).toBe(0);
    await guardian.getByTestId('signin-accept-policy').check();
    await guardian.getByTestId('signin-verify').click();
    await guardian.waitForURL((url) => url.pathname === '/me/privacy', { timeout: 15_000 });

    const children = guardian.getByTestId('my-children');
    await children.waitFor();
    expect(await children.getByTestId('child-name').allTextContents()).toEqual([childName]);
    await screenshot(guardian, 'guardian-my-children');
  });

  it('lets the guardian download the child’s data and erase the account, with fresh codes', async () => {
    await guardian.getByTestId('child-export-open').click();
    await sendFreshCode(guardian, 'child-export');
    await guardian.getByTestId('child-export-code').fill(await codeFor(guardianEmail));
    await guardian.getByTestId('child-export-submit').click();
    // prepared on the server in the background, then a plain link to it until it expires
    await guardian.getByTestId('child-export-done').waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([guardian.waitForEvent('download', { timeout: 20_000 }), guardian.getByTestId('child-export-link').click()]);
    expect(download.suggestedFilename()).toMatch(/^lockstep-child-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(strFromU8(entries['data/user.name.json']!)).toContain(childName);

    await guardian.getByTestId('child-erase-open').click();
    await sendFreshCode(guardian, 'child-erase');
    await guardian.getByTestId('child-erase-code').fill(await codeFor(guardianEmail));
    // nothing happens before the box is ticked
    expect(await guardian.getByTestId('child-erase-submit').isDisabled()).toBe(true);
    await guardian.getByTestId('child-erase-confirm').check();
    await guardian.getByTestId('child-erase-submit').click();
    await guardian.getByTestId('child-erased').waitFor();
    expect(await guardian.getByTestId('child-erase-receipt').getAttribute('href')).toMatch(/^\/api\/privacy\/receipts\//);
    await guardian.getByTestId('child').waitFor({ state: 'detached' });
    await screenshot(guardian, 'guardian-child-erased');
  });

  it('lets a second child correct a mistyped guardian address and send the code again while waiting', async () => {
    const second = await newPage('second child');
    await childSignsUp(second, server, codeFor, secondChildEmail, '小红', false, mistypedGuardianEmail);
    const firstSentAt = await second.getByTestId('awaiting-sent-at').textContent();

    // their own address is refused on the field, in words
    await second.getByTestId('awaiting-correct-open').click();
    await second.getByTestId('awaiting-correct-input').fill(secondChildEmail);
    await second.getByTestId('awaiting-correct-submit').click();
    await second.getByText('家长或监护人的地址必须是他们自己的，不能是你自己的。').waitFor();

    await second.getByTestId('awaiting-correct-input').fill(guardianEmail);
    await second.getByTestId('awaiting-correct-submit').click();
    await second.waitForFunction(() => document.querySelector('[data-testid="awaiting-guardian-target"]')?.textContent === 'p***@example.com');
    await second.getByTestId('awaiting-correct-input').waitFor({ state: 'detached' });
    expect(await second.getByTestId('signin-awaiting-guardian').textContent()).toContain('p***@example.com');

    // and once the cooldown allows, the code again
    const resend = second.getByTestId('awaiting-resend');
    const deadline = Date.now() + 15_000;
    while (await resend.isDisabled()) {
      if (Date.now() > deadline) throw new Error('the resend button never became available');
      await tick(second);
    }
    await resend.click();
    await second.getByText('已重新发送验证码到 p***@example.com').waitFor();
    expect(await second.getByTestId('awaiting-sent-at').textContent()).toBeTruthy();
    expect(firstSentAt).toBeTruthy();
    await screenshot(second, 'guardian-child-waiting-corrected');
  });

  it('erases the second child’s account at once when the guardian refuses', async () => {
    // the newest code to the guardian: the resent one
    const { link, code } = await consentRequest(server, codeFor);
    const answering = await newPage('guardian, second request');
    await answering.goto(link);
    await answering.getByTestId('guardian-code').fill(code);
    await answering.getByTestId('guardian-decline').click();
    // refusing asks again first
    await answering.getByTestId('guardian-decline-confirm').click();
    await answering.getByTestId('guardian-declined').waitFor();
    await screenshot(answering, 'guardian-declined');
    // the one-time receipt link saves the signed receipt as a file
    const [receipt] = await Promise.all([answering.waitForEvent('download', { timeout: 20_000 }), answering.getByTestId('guardian-receipt').click()]);
    const signed = JSON.parse(await readFile(await receipt.path(), 'utf8')) as { signature?: string; algorithm?: string };
    expect(signed.algorithm).toBe('Ed25519');
    expect(signed.signature).toBeTruthy();

    // the same link again: already answered
    await answering.goto(link);
    await answering.getByTestId('guardian-code').fill(code);
    await answering.getByTestId('guardian-approve').click();
    await answering.getByTestId('guardian-not-found').waitFor();
  });

  it('had no errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
