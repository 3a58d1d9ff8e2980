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

describe('foundation in a browser', () => {
  let first: Page;
  let second: Page;

  it('lets an anonymous visitor browse and search the catalogue without any cookie', async () => {
    first = await newPage('first device');
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

  it('signs a new person up with a one-time code and lands on the profile', async () => {
    await signIn(first, server, codeFor, email, 'E2E 测试员', { beforeSignUp: (page) => screenshot(page, 'sign-up') });
    await expect(first.getByTestId('profile-name').inputValue()).resolves.toBe('E2E 测试员');
    await screenshot(first, 'profile');
    expect((await first.context().cookies()).length).toBeGreaterThan(0);
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

  it('signs out, after which /me sends the person to sign in', async () => {
    await first.getByTestId('sign-out').click();
    await first.waitForURL((url) => url.pathname === '/');
    const me = await first.request.get(`${server.baseUrl}/api/me`);
    expect(me.status()).toBe(401);
    await first.goto(`${server.baseUrl}/me`);
    await first.waitForURL((url) => url.pathname === '/sign-in');
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
