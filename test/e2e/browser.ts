import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * Helpers shared by browser tests: the server and the Chromium they drive (each set up and torn
 * down by hooks it registers), screenshots, sign-in, and codes from the dev outbox.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
export const screenshots = path.join(here, 'screenshots');
const webIndex = path.resolve(here, '..', '..', 'web', 'dist', 'index.html');

/** A tag unique to this run, for the addresses a test signs people up with. */
export const uniqueId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestServer {
  /** the running server, once the suite's tests run */
  server: RunningServer;
  codeFor: CodeReader;
}

/**
 * The real server for the enclosing suite (or file): started with `env` before its tests, stopped
 * after them. `server` and `codeFor` stand for the one running, so a suite can name them up front.
 */
export function useServer(env: Record<string, string> = {}): TestServer {
  let started: { running: RunningServer; codeFor: CodeReader } | undefined;
  const current = () => {
    if (!started) throw new Error('the server starts before the tests: use it inside one');
    return started;
  };
  beforeAll(async () => {
    const running = await startServer(env);
    started = { running, codeFor: outboxReader(running) };
  }, 90_000);
  afterAll(async () => {
    await started?.running.stop();
  });
  const server: RunningServer = {
    get baseUrl() {
      return current().running.baseUrl;
    },
    output: () => current().running.output(),
    stop: () => current().running.stop(),
    kill: () => current().running.kill(),
  };
  return { server, codeFor: (recipient) => current().codeFor(recipient) };
}

export interface TestBrowser {
  /** a page in a new context of its own (the defaults, then `options`); `who` names it in errors and failure screenshots */
  newPage(who: string, options?: BrowserContextOptions): Promise<Page>;
  /** every page's uncaught errors, each after whose page it was */
  pageErrors: string[];
}

/**
 * One Chromium for the test file, launched once the SPA is known to be built and closed with every
 * context at the end. Pages open in zh-CN in Shanghai at 1280×800 unless `defaults` or the page say
 * otherwise. When a test fails, every page is saved as `screenshots/failure-<name>-<n>-<who>.png`,
 * to tell a slow page from a broken one.
 */
export function useBrowser(name: string, defaults: BrowserContextOptions = {}): TestBrowser {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: Array<{ who: string; page: Page }> = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: build the SPA first (npm run build:web)');
    await mkdir(screenshots, { recursive: true });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [index, { who, page }] of pages.entries()) {
      const file = `failure-${name}-${index}-${who.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`;
      await page.screenshot({ path: path.join(screenshots, file), fullPage: true }).catch(() => undefined);
    }
  });

  async function newPage(who: string, options: BrowserContextOptions = {}): Promise<Page> {
    if (!browser) throw new Error('Chromium starts before the tests: open pages inside one');
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 }, ...defaults, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
    pages.push({ who, page });
    return page;
  }

  return { newPage, pageErrors };
}

/** Screenshots are for a person to look at, so wait until spinners and fades are over. */
/** The HTTP API with the page's own session (and its CSRF token), for what is not under test here. */
export async function callApi<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, url, body },
  );
}

/**
 * Puts two signed-in people in one organisation through the HTTP API (not what these tests are
 * about): the first creates it and invites the second by work email, who accepts. Returns the
 * organisation's id and the second person's member id (the invitation's).
 */
export async function colleaguesInOneOrganisation(
  owner: Page,
  member: Page,
  organisation: { name: string; memberName: string; memberEmail: string },
): Promise<{ orgId: string; memberId: string }> {
  const created = await callApi<{ organisation: { id: string } }>(owner, 'POST', '/api/orgs', { name: organisation.name, region: 'CN' });
  expect(created.status).toBe(201);
  const orgId = created.body.organisation.id;
  const attestation = await callApi<{ version: string }>(owner, 'GET', '/api/attestation-text');
  const invited = await callApi<{ invitation: { id: string } }>(owner, 'POST', `/api/orgs/${orgId}/invitations`, {
    attestation: attestation.body.version,
    name: organisation.memberName,
    workEmail: organisation.memberEmail,
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const accepted = await callApi(member, 'POST', `/api/invitations/${invited.body.invitation.id}/accept`);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return { orgId, memberId: invited.body.invitation.id };
}

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

/** Reads a code sent to a recipient: a new one each call. */
export type CodeReader = (recipient: string) => Promise<string>;

export interface OutboxMessage {
  id: string;
  recipient: string;
  text: string;
  code: string | null;
}

/** What the server "sent" so far, from the development outbox. */
export async function outboxMessages(server: RunningServer): Promise<OutboxMessage[]> {
  const response = await fetch(`${server.baseUrl}/api/dev/outbox`);
  if (response.status !== 200) throw new Error(`the dev outbox answered ${response.status}`);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** Reads sign-in codes from the development outbox, each one once. */
export function outboxReader(server: RunningServer): CodeReader {
  const used = new Set<string>();
  return async function codeFor(recipient: string): Promise<string> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const messages = await outboxMessages(server);
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
  /** runs on a sign-up once the name is typed and before the policy is accepted and it is sent, e.g. a screenshot of the form */
  beforeSignUp?(page: Page): Promise<void>;
  /** the page to open first (a guarded one sends the person to sign in, and back there after); /me unless set */
  from?: string;
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
  codeFor: CodeReader,
  email: string,
  name?: string,
  options: SignInOptions = {},
): Promise<void> {
  await page.goto(`${server.baseUrl}${options.from ?? '/sign-in'}`);
  await page.waitForURL((url) => url.pathname === '/sign-in');
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
    // the policy in force, shown with the form, is accepted explicitly (P0.1)
    await page.getByTestId('signin-accept-policy').check();
    await page.getByTestId('signin-verify').click();
  }
  await page.waitForURL((url) => url.pathname === (options.from ?? '/me'), { timeout: 15_000 });
}

/**
 * Accepts the policy in the blocking re-acceptance dialog, then reloads: once the page is back
 * (its account menu shown) and a moment has passed, a dialog still to come would be showing.
 */
export async function acceptPolicyAndReload(page: Page): Promise<void> {
  const gate = page.getByTestId('policy-gate');
  await page.getByTestId('policy-gate-accept').click();
  await gate.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByTestId('account-menu').waitFor();
  await page.waitForTimeout(500);
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
