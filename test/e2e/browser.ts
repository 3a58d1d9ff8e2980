import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from './server-process.ts';

/** Helpers shared by browser tests: the Chromium they drive, screenshots, and sign-in codes from the dev outbox. */

export const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Screenshots are for a person to look at, so wait until spinners and fades are over. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton, .ant-message-notice'), undefined, { timeout: 10_000 });
  // a full-page shot of a scrolled page would draw the sticky header half-way down
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

export async function waitForCount(page: Page, testId: string, accept: (count: number) => boolean, what: string): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const count = await page.getByTestId(testId).count();
    if (accept(count)) return count;
    if (Date.now() > deadline) throw new Error(`${what}: still ${count} [data-testid=${testId}] on ${page.url()}`);
    await page.waitForTimeout(100);
  }
}

/** Reads sign-in codes from the development outbox, each one once. */
export function outboxReader(server: RunningServer) {
  const used = new Set<string>();
  return async function codeFor(recipient: string): Promise<string> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await fetch(`${server.baseUrl}/api/dev/outbox`);
      if (response.status !== 200) throw new Error(`the dev outbox answered ${response.status}`);
      const { messages } = (await response.json()) as { messages: { id: string; recipient: string; code: string | null }[] };
      const message = messages.find((entry) => entry.recipient.toLowerCase() === recipient.toLowerCase() && entry.code && !used.has(entry.id));
      if (message?.code) {
        used.add(message.id);
        return message.code;
      }
      if (Date.now() > deadline) throw new Error(`no new code for ${recipient} in the outbox`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
}

export interface SignInOptions {
  /** ticks "keep me signed in" (a persistent session) */
  keepSignedIn?: boolean;
  /** the date of birth a sign-up gives (YYYY-MM-DD): an adult's unless set */
  birthDate?: string;
  /** runs on a sign-up once the name is typed and before it is sent, e.g. a screenshot of the form */
  beforeSignUp?(page: Page): Promise<void>;
}

/** The date of birth sign-ups give in browser tests that are not about age. */
export const adultBirthDate = '1990-01-01';

/** Picks one part of the date of birth by typing into its searchable select, and waits until it shows. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(label);
  await page.locator(`.ant-select-item-option-active[title="${label}"]`).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId(testId).getByText(label, { exact: true }).waitFor();
}

/** Picks a date of birth (YYYY-MM-DD) in the sign-up form's year, month and day selects, labelled in the page's language. */
export async function pickBirthDate(page: Page, date: string, testId = 'signin-birth'): Promise<void> {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const locale = await page.evaluate(() => document.documentElement.lang || 'zh-CN');
  const label = (options: Intl.DateTimeFormatOptions, at: number) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
  await choose(page, `${testId}-year`, label({ year: 'numeric' }, Date.UTC(year, 0, 1)));
  await choose(page, `${testId}-month`, label({ month: 'short' }, Date.UTC(2000, month - 1, 1)));
  await choose(page, `${testId}-day`, label({ day: 'numeric' }, Date.UTC(2000, 0, day)));
}

/** Signs in (or up, with a name) through the page's own form, and waits for the account page. */
export async function signIn(
  page: Page,
  server: RunningServer,
  codeFor: (recipient: string) => Promise<string>,
  email: string,
  name?: string,
  options: SignInOptions = {},
): Promise<void> {
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByTestId('signin-identifier').fill(email);
  await page.getByTestId('signin-send').click();
  await page.getByTestId('signin-code').waitFor();
  await page.getByTestId('signin-code').fill(await codeFor(email));
  if (options.keepSignedIn) await page.getByTestId('signin-keep').check();
  await page.getByTestId('signin-verify').click();
  if (name) {
    // no account exists yet: the server asks for a name and date of birth, and the same code is submitted again
    await page.getByTestId('signin-name').fill(name);
    await pickBirthDate(page, options.birthDate ?? adultBirthDate);
    await options.beforeSignUp?.(page);
    await page.getByTestId('signin-verify').click();
  }
  await page.waitForURL((url) => url.pathname === '/me', { timeout: 15_000 });
}

/**
 * "Send code" in a fresh-code form (FreshCodeForm, whose test ids start with `testId`), again after
 * a moment while it counts down: the server sends another code to the same address only after its
 * cooldown (OTP_RESEND_COOLDOWN_SECONDS).
 */
export async function sendFreshCode(page: Page, testId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await page.getByTestId(`${testId}-code`).count())) {
    const send = page.getByTestId(`${testId}-send-code`);
    if ((await send.count()) && (await send.isEnabled())) await send.click();
    if (Date.now() > deadline) throw new Error(`the ${testId} form never showed its code field`);
    await page.waitForTimeout(200);
  }
}
