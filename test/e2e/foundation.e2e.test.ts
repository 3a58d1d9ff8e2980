import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signIn, uniqueId, useBrowser, useServer, waitForCount } from './browser.ts';

/**
 * The foundation as a person meets it, in a real browser against a real server process:
 * browsing without an account (and without cookies), signing up with a one-time code,
 * seeing and ending a session from another device, and signing out.
 */

// the second device asks for a code for the same address straight after the first one did
const { server, codeFor } = useServer({ OTP_RESEND_COOLDOWN_SECONDS: '1' });
const { newPage, pageErrors } = useBrowser('foundation');

const email = `e2e-${uniqueId()}@example.com`;

const cards = (page: Page) => page.getByTestId('product-card');

/** Every API call a page makes, with the device id header it carried (if any). */
function recordApiCalls(page: Page): Array<{ path: string; deviceId: string | undefined }> {
  const calls: Array<{ path: string; deviceId: string | undefined }> = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) calls.push({ path: url.pathname, deviceId: request.headers()['x-device-id'] });
  });
  return calls;
}

/** What the page keeps in Web Storage, as [key, value] pairs. */
function storedEntries(page: Page): Promise<{ local: Array<[string, string]>; session: Array<[string, string]> }> {
  return page.evaluate(() => {
    const entries = (store: Storage) => Array.from({ length: store.length }, (_, index) => store.key(index) as string).map((key): [string, string] => [key, store.getItem(key) ?? '']);
    return { local: entries(localStorage), session: entries(sessionStorage) };
  });
}

/** The device id the page keeps, if any, with when it ends. */
async function storedDeviceId(page: Page): Promise<{ id: string; expiresAt: number } | null> {
  const entry = (await storedEntries(page)).local.find(([key]) => /device/i.test(key));
  return entry ? (JSON.parse(entry[1]) as { id: string; expiresAt: number }) : null;
}

describe('foundation in a browser', () => {
  let first: Page;
  let second: Page;
  let firstCalls: ReturnType<typeof recordApiCalls>;

  it('lets an anonymous visitor browse and search the catalogue without any cookie', async () => {
    first = await newPage('first device');
    firstCalls = recordApiCalls(first);
    await first.goto(`${server.baseUrl}/`);
    const total = await waitForCount(first, 'product-card', (count) => count >= 8, 'the whole catalogue');
    await first.getByTestId('category-filter').waitFor();
    await screenshot(first, 'catalogue');

    // zh-CN is the default for a Chinese browser; the switch changes the page and is remembered
    expect(await first.locator('html').getAttribute('lang')).toBe('zh-CN');
    await first.getByTestId('language-switch').click();
    await first.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await first.evaluate(() => localStorage.getItem('lockstep.locale'))).toBe('en');
    await first.getByTestId('language-switch').click();
    await first.waitForFunction(() => document.documentElement.lang === 'zh-CN');

    await first.getByTestId('catalogue-search').fill('指纹');
    await waitForCount(first, 'product-card', (count) => count > 0 && count < total, 'searching 指纹');
    await first.waitForURL((url) => url.searchParams.get('q') === '指纹');
    await expect(cards(first).filter({ hasText: 'K21 Max' }).count()).resolves.toBe(1);

    await first.getByTestId('catalogue-search').fill('lock');
    await first.waitForURL((url) => url.searchParams.get('q') === 'lock');
    await waitForCount(first, 'product-card', (count) => count > 0 && count < total, 'searching lock');

    await first.getByTestId('catalogue-search').fill('zzzz-no-such-product');
    await first.getByTestId('catalogue-empty').waitFor();

    await first.getByTestId('catalogue-search').fill('');
    await waitForCount(first, 'product-card', (count) => count === total, 'clearing the search');
    await cards(first).filter({ hasText: 'K21 Max' }).click();
    await first.waitForURL((url) => url.pathname === '/products/k21-max');
    await expect(first.getByTestId('product-title').textContent()).resolves.toContain('K21 Max');
    await screenshot(first, 'product');

    await first.goto(`${server.baseUrl}/products/no-such-product`);
    await first.getByTestId('product-not-found').waitFor();

    expect(await first.context().cookies()).toEqual([]);
  });

  it('sends no identifier while anonymous and keeps none (P4.1, P4.2): catalogue and policy alike', async () => {
    await first.goto(`${server.baseUrl}/policy`);
    await first.getByTestId('policy-versions').waitFor();
    await first.goto(`${server.baseUrl}/privacy`);
    await waitForCount(first, 'privacy-category', (count) => count >= 5, 'privacy categories');
    await first.goto(`${server.baseUrl}/`);
    await waitForCount(first, 'product-card', (count) => count >= 8, 'the catalogue again');

    expect(firstCalls.length).toBeGreaterThan(5);
    expect(firstCalls.filter((call) => call.deviceId !== undefined)).toEqual([]);
    // only the language the visitor chose, which tells nobody apart
    const stored = await storedEntries(first);
    expect(stored.local.map(([key]) => key)).toEqual(['lockstep.locale']);
    expect(stored.session).toEqual([]);
    expect(await first.context().cookies()).toEqual([]);
  });

  it('signs a new person up with a one-time code, only once they accept the policy shown, and lands on the profile', async () => {
    const policy = (await (await fetch(`${server.baseUrl}/api/privacy/policy`)).json()) as { policy: { id: string; label: string } };
    const before = Date.now();
    await signIn(first, server, codeFor, email, 'E2E 测试员', {
      beforeSignUp: async (page) => {
        // the version in force, named and linked in the page's language
        const link = page.getByTestId('signin-policy-link');
        expect(await link.getAttribute('href')).toBe(`/policy?version=${policy.policy.id}&lang=zh-CN`);
        await expect(page.getByTestId('signin-policy').textContent()).resolves.toContain(policy.policy.label);
        // not ticked: the account is not created
        await page.getByTestId('signin-verify').click();
        await page.getByTestId('signin-policy').locator('.ant-form-item-explain-error').waitFor();
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        expect((await page.request.get(`${server.baseUrl}/api/me`)).status()).toBe(401);
        await screenshot(page, 'sign-up');
      },
    });
    await expect(first.getByTestId('profile-name').inputValue()).resolves.toBe('E2E 测试员');
    await screenshot(first, 'profile');
    expect((await first.context().cookies()).length).toBeGreaterThan(0);

    // a device id exists from the sign-in on, ends at most 15 days after it, and the sign-in carried it
    const device = await storedDeviceId(first);
    expect(device?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(device!.expiresAt).toBeGreaterThan(before);
    expect(device!.expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 24 * 3600_000);
    expect(firstCalls.filter((call) => call.path === '/api/auth/verify').at(-1)?.deviceId).toBe(device!.id);
    expect(firstCalls.filter((call) => call.path === '/api/auth/code').every((call) => call.deviceId === undefined)).toBe(true);
  });

  it('shows the sign-up with the policy in English on a 390 px screen', async () => {
    const narrow = await newPage('narrow', { locale: 'en-US', timezoneId: 'Europe/London', viewport: { width: 390, height: 844 } });
    const policy = (await (await fetch(`${server.baseUrl}/api/privacy/policy`)).json()) as { policy: { id: string; label: string } };
    await signIn(narrow, server, codeFor, `e2e-narrow-${uniqueId()}@example.com`, 'Narrow Reader', {
      beforeSignUp: async (page) => {
        expect(await page.getByTestId('signin-policy-link').getAttribute('href')).toBe(`/policy?version=${policy.policy.id}&lang=en`);
        await expect(page.getByTestId('signin-policy').textContent()).resolves.toContain(`version ${policy.policy.label}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await screenshot(page, 'sign-up-390-en');
      },
    });
  });

  it('shows a second device in the sessions list and ends it', async () => {
    second = await newPage('second device', { locale: 'en-US', timezoneId: 'Europe/Berlin' });
    await signIn(second, server, codeFor, email, undefined, { keepSignedIn: true });

    await first.goto(`${server.baseUrl}/me/sessions`);
    await waitForCount(first, 'session-row', (count) => count === 2, 'two sessions');
    await screenshot(first, 'sessions');

    const current = first.getByTestId('session-row').filter({ has: first.getByTestId('session-current') });
    await expect(current.count()).resolves.toBe(1);
    const other = first.getByTestId('session-row').filter({ hasNot: first.getByTestId('session-current') });
    const otherId = await other.getAttribute('data-session-id');
    expect(otherId).toBeTruthy();
    await other.getByTestId('session-end').click();
    await waitForCount(first, 'session-row', (count) => count === 1, 'the other session ended');
    await expect(first.locator(`[data-session-id="${otherId}"]`).count()).resolves.toBe(0);

    const meOnSecond = await second.request.get(`${server.baseUrl}/api/me`);
    expect(meOnSecond.status()).toBe(401);
    await second.goto(`${server.baseUrl}/me`);
    await second.waitForURL((url) => url.pathname === '/sign-in');
  });

  it('signs out, after which /me sends the person to sign in, and the device id is gone', async () => {
    await first.getByTestId('sign-out').click();
    await first.waitForURL((url) => url.pathname === '/');
    expect(await storedDeviceId(first)).toBeNull();
    const me = await first.request.get(`${server.baseUrl}/api/me`);
    expect(me.status()).toBe(401);
    const signedOutFrom = firstCalls.length;
    await first.goto(`${server.baseUrl}/me`);
    await first.waitForURL((url) => url.pathname === '/sign-in');
    await first.goto(`${server.baseUrl}/`);
    await waitForCount(first, 'product-card', (count) => count >= 8, 'the catalogue after signing out');
    expect(firstCalls.slice(signedOutFrom).filter((call) => call.deviceId !== undefined)).toEqual([]);
    expect(await storedDeviceId(first)).toBeNull();
  });

  it('shows the privacy notice without an account, opening with a contents list whose titles jump to their sections', async () => {
    const visitor = await newPage('visitor', { locale: 'en-US', timezoneId: 'Europe/London' });
    await visitor.goto(`${server.baseUrl}/privacy`);
    const sections = await waitForCount(visitor, 'privacy-category', (count) => count >= 5, 'privacy categories');
    const links = visitor.locator('a[href^="#privacy-"]');
    expect(await links.count()).toBe(sections);
    const last = links.last();
    const target = (await last.getAttribute('href'))!.slice(1);
    await last.click();
    await visitor.waitForFunction((id) => {
      const box = document.getElementById(id)?.getBoundingClientRect();
      return !!box && box.top >= 0 && box.top < window.innerHeight;
    }, target);
    expect(await visitor.context().cookies()).toEqual([]);
  });

  it('raised no uncaught error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
