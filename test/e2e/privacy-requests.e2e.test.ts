import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, sendFreshCode, signIn, uniqueId, useBrowser, useServer, waitForCount } from './browser.ts';

/**
 * Device permissions and requests about personal data, in a real browser against a real server
 * process (P0.3, P8.3, P10.1): a person grants a permission for a named function, withdraws it and
 * reads the record of both; makes a request with a fresh code and follows its 15-day clock,
 * withdraws it, and asks again (flagged as repeated beyond the yearly limit); the operator's staff,
 * and only they, find it in the queue with its clock and refuse it for one of the policy's reasons,
 * which the person then reads with the explanation.
 */

const id = uniqueId();
const personEmail = `asker-${id}@example.com`;
const operatorEmail = `dpo-${id}@lockstep.example`;
const DAY = 86_400_000;
const explanation = '你今年已经就同一事项提出过请求，我们的答复不变。';

interface RequestAnswer {
  id: string;
  status: string;
  repeated: boolean;
  verifiedAt: string;
  dueAt: string;
  refusalReason: string | null;
  response: string | null;
}

// a second request of one kind within a year is beyond the limit here, so it is flagged
const { server, codeFor } = useServer({ LOCKSTEP_OPERATORS: operatorEmail, PRIVACY_REQUESTS_PER_YEAR: '1', OTP_RESEND_COOLDOWN_SECONDS: '1' });
const { newPage, pageErrors } = useBrowser('privacy-requests');

/** What the server holds, read with the page's own session. */
async function myRequests(page: Page): Promise<RequestAnswer[]> {
  return page.evaluate(async () => ((await (await fetch('/api/me/requests')).json()) as { requests: RequestAnswer[] }).requests);
}

async function waitForAttribute(page: Page, selector: string, name: string, value: string): Promise<void> {
  await page.waitForFunction(([css, attribute, expected]) => document.querySelector(css)?.getAttribute(attribute!) === expected, [selector, name, value] as const, { timeout: 15_000 });
}

/** An access request through the privacy centre's form, with a fresh code from the outbox. */
async function makeAccessRequest(page: Page, details: string): Promise<void> {
  await page.getByTestId('request-kind-access').check();
  await page.getByTestId('request-details').fill(details);
  await sendFreshCode(page, 'request');
  await page.getByTestId('request-code').fill(await codeFor(personEmail));
  await page.getByTestId('request-submit').click();
  // the form starts again for the next request: each code is used up by one
  await page.getByTestId('request-send-code').waitFor();
}

describe('device permissions and requests about personal data in a browser', () => {
  let person: Page;
  let operator: Page;
  let requestId = '';

  it('shows every device permission off, grants one for its function, withdraws it after a question, and keeps the record', async () => {
    person = await newPage('person');
    await signIn(person, server, codeFor, personEmail, '提问的人');
    await person.getByTestId('tab-privacy-centre').click();
    await person.waitForURL((url) => url.pathname === '/me/privacy');
    const card = person.getByTestId('privacy-permissions');
    await waitForCount(person, 'device-permission', (count) => count === 5, 'the five device permissions');
    expect(await card.locator('[data-testid="device-permission"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-permission')))).toEqual([
      'address_book',
      'location',
      'camera',
      'microphone',
      'photo_album',
    ]);
    // off by default; the permissions no function uses say so
    expect(await person.getByTestId('permission-unused').count()).toBe(3);
    const photoLocation = person.locator('[data-testid="permission-function"][data-function="chat.photo_location"]');
    expect(await photoLocation.getAttribute('data-granted')).toBe('false');
    expect(await photoLocation.getByTestId('permission-purpose').textContent()).toContain('拍摄地点');
    const matching = person.locator('[data-testid="permission-function"][data-function="directory.match_contacts"]');
    expect(await matching.getAttribute('data-granted')).toBe('false');
    expect(await matching.getByTestId('permission-purpose').textContent()).toContain('通讯录');
    expect(await person.getByTestId('permission-history-row').count()).toBe(0);

    await matching.getByTestId('permission-switch').click();
    await waitForAttribute(person, '[data-function="directory.match_contacts"][data-testid="permission-function"]', 'data-granted', 'true');
    expect(await matching.getByTestId('permission-state').textContent()).toBe('已开启');
    await waitForCount(person, 'permission-history-row', (count) => count === 1, 'the grant in the record');
    await screenshot(person, 'privacy-permissions');

    // turning it off asks first; cancelling leaves it on
    await matching.getByTestId('permission-switch').click();
    await person.getByTestId('permission-withdraw-confirm').waitFor();
    // the question says what a withdrawal deletes: of the address book, nothing was kept
    expect(await person.getByTestId('permission-withdrawal-deletes').textContent()).toContain('通讯录从未保存');
    await person.locator('.ant-popconfirm').getByRole('button', { name: '取 消' }).or(person.locator('.ant-popconfirm').getByRole('button', { name: '取消' })).click();
    await person.waitForTimeout(300);
    expect(await matching.getAttribute('data-granted')).toBe('true');
    await matching.getByTestId('permission-switch').click();
    await person.getByTestId('permission-withdraw-confirm').click();
    await waitForAttribute(person, '[data-function="directory.match_contacts"][data-testid="permission-function"]', 'data-granted', 'false');

    // the record: the withdrawal above the grant, each by the person, with the policy then in force
    await waitForCount(person, 'permission-history-row', (count) => count === 2, 'the grant and the withdrawal in the record');
    const rows = person.getByTestId('permission-history-row');
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-action')))).toEqual(['withdraw', 'grant']);
    const { versions } = (await (await fetch(`${server.baseUrl}/api/privacy/policy/versions`)).json()) as { versions: { label: string; inForce: boolean }[] };
    const inForce = versions.find((version) => version.inForce);
    expect(inForce, 'the shipped policy is published on the first start').toBeDefined();
    for (const text of await person.getByTestId('permission-history-policy').allTextContents()) expect(text).toContain(inForce!.label);
    expect(await rows.first().textContent()).toContain('你本人');
    expect(await rows.first().textContent()).toContain('撤回同意');
    // and the server agrees: off
    const state = await person.evaluate(async () => (await (await fetch('/api/me/permissions')).json()) as { permissions: { functions: { granted: boolean }[] }[] });
    expect(state.permissions.flatMap((entry) => entry.functions).every((fn) => !fn.granted)).toBe(true);
  });

  it('takes a request only with the right fresh code, shows it pending with its due date, and lets the person withdraw it', async () => {
    const form = person.getByTestId('privacy-requests');
    await form.scrollIntoViewIfNeeded();
    await person.getByTestId('request-kind-access').check();
    // the way to a copy of everything without waiting
    expect(await person.getByTestId('request-kind-hint').textContent()).toContain('下载我的数据');

    // a wrong code is refused with the server's words, and nothing is filed
    await sendFreshCode(person, 'request');
    await person.getByTestId('request-code').fill('000000');
    await person.getByTestId('request-submit').click();
    await person.getByTestId('request-error').waitFor();
    expect(await person.getByTestId('request-error').textContent()).toMatch(/验证码|还可以/);
    expect(await myRequests(person)).toEqual([]);
    // the right code for that same challenge still works
    await person.getByTestId('request-details').fill('请给我一份你们保存的关于我的全部信息。');
    await person.getByTestId('request-code').fill(await codeFor(personEmail));
    await person.getByTestId('request-submit').click();
    await person.getByTestId('request-send-code').waitFor();

    const item = person.getByTestId('request-item');
    await waitForCount(person, 'request-item', (count) => count === 1, 'the new request');
    const [first] = await myRequests(person);
    expect(Date.parse(first!.dueAt) - Date.parse(first!.verifiedAt)).toBe(15 * DAY);
    expect(await item.getAttribute('data-status')).toBe('open');
    expect(await item.getByTestId('request-status').textContent()).toBe('处理中');
    expect(await item.getByTestId('request-clock').getAttribute('data-days')).toBe('15');
    expect(await item.getByTestId('request-clock').textContent()).toContain('还剩 15 天');
    expect(await item.getByTestId('request-due').getAttribute('data-due-at')).toBe(first!.dueAt);
    // the due date as a person in Shanghai reads it
    const dueDay = new Date(Date.parse(first!.dueAt) + 8 * 3_600_000).toISOString().slice(0, 10).split('-').map(Number);
    expect(await item.getByTestId('request-due').textContent()).toContain(`${dueDay[0]}`);
    expect(await item.getByTestId('request-due').textContent()).toMatch(new RegExp(`${dueDay[1]}\\D+${dueDay[2]}`));
    expect(await item.getByTestId('request-repeated').count()).toBe(0);
    await screenshot(person, 'privacy-requests');

    await item.getByTestId('request-withdraw').click();
    await person.getByTestId('request-withdraw-confirm').click();
    await waitForAttribute(person, '[data-testid="request-item"]', 'data-status', 'withdrawn');
    expect(await item.getByTestId('request-clock').count()).toBe(0);
    expect((await myRequests(person))[0]!.status).toBe('withdrawn');
  });

  it('flags a request of the same kind beyond the yearly limit, and keeps the operator’s queue from anyone else', async () => {
    await makeAccessRequest(person, '还是想要一份我的全部信息。');
    await waitForCount(person, 'request-item', (count) => count === 2, 'the second request');
    const newest = person.getByTestId('request-item').first();
    expect(await newest.getAttribute('data-status')).toBe('open');
    await newest.getByTestId('request-repeated').waitFor();
    requestId = (await newest.getAttribute('data-request-id'))!;
    expect((await myRequests(person)).find((request) => request.id === requestId)?.repeated).toBe(true);

    // no way to the queue for someone who is not staff, and the server's refusal if they type it
    expect(await person.getByTestId('nav-operator-requests').count()).toBe(0);
    await person.goto(`${server.baseUrl}/operator/requests`);
    const refused = person.locator('.ant-alert-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('You are not allowed to do that.');
    expect(await person.getByTestId('operator-request').count()).toBe(0);
  });

  it('shows the operator the request in the queue with its clock and flag, and refuses it for a reason of the policy', async () => {
    operator = await newPage('operator');
    await signIn(operator, server, codeFor, operatorEmail, '数据保护专员');
    await operator.getByTestId('nav-operator-requests').click();
    await operator.waitForURL((url) => url.pathname === '/operator/requests');
    const row = operator.locator(`[data-testid="operator-request"][data-request-id="${requestId}"]`);
    await row.waitFor();
    // the withdrawn request is not waiting for anyone
    expect(await operator.getByTestId('operator-request').count()).toBe(1);
    expect(await row.getByTestId('request-clock').getAttribute('data-urgency')).toBe('calm');
    expect(await row.getByTestId('request-clock').textContent()).toContain('还剩 15 天');
    await row.getByTestId('request-repeated').waitFor();
    expect(await row.textContent()).toContain('还是想要一份我的全部信息。');
    await screenshot(operator, 'operator-queue');

    await row.getByTestId('operator-refuse').click();
    // the policy's five reasons, no more; and no refusal without words for the person
    expect(await operator.locator('[data-testid^="operator-reason-"]').count()).toBe(5);
    await operator.getByTestId('operator-reason-unreasonable_repetition').check();
    await operator.getByTestId('operator-refuse-submit').click();
    await operator.getByText('请填写说明').waitFor();
    expect(await operator.getByTestId('operator-request').count()).toBe(1);
    await operator.getByTestId('operator-explanation').fill(explanation);
    await screenshot(operator, 'operator-refuse');
    await operator.getByTestId('operator-refuse-submit').click();
    await waitForCount(operator, 'operator-request', (count) => count === 0, 'the refused request leaves the open queue');

    await operator.getByTestId('operator-status-refused').click();
    await row.waitFor();
    expect(await row.getByTestId('request-refusal').getAttribute('data-reason')).toBe('unreasonable_repetition');
    expect(await row.getByTestId('request-response').textContent()).toBe(explanation);
  });

  it('shows the person the refusal, its reason and the explanation, and tells them so', async () => {
    await person.goto(`${server.baseUrl}/me/privacy`);
    const item = person.locator(`[data-testid="request-item"][data-request-id="${requestId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('refused');
    expect(await item.getByTestId('request-status').textContent()).toBe('已拒绝');
    expect(await item.getByTestId('request-refusal').textContent()).toContain('拒绝理由：无端重复的请求');
    expect(await item.getByTestId('request-response').textContent()).toBe(explanation);
    expect(await item.getByTestId('request-clock').count()).toBe(0);
    const notice = person.getByTestId('notice-privacy_request_closed');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('被拒绝');
    await item.scrollIntoViewIfNeeded();
    await screenshot(person, 'privacy-request-refused');
  });

  it('completing an access request prepares the person’s download, and they are told where to find it', async () => {
    await makeAccessRequest(person, '请把我的全部信息发给我。');
    await waitForCount(person, 'request-item', (count) => count === 3, 'the third request');
    const accessId = (await person.getByTestId('request-item').first().getAttribute('data-request-id'))!;

    await operator.goto(`${server.baseUrl}/operator/requests`);
    const row = operator.locator(`[data-testid="operator-request"][data-request-id="${accessId}"]`);
    await row.waitFor();
    await row.getByTestId('operator-complete').click();
    // what completing does is said before it is done; no written answer is needed for it
    expect(await operator.getByTestId('operator-complete-action').getAttribute('data-action')).toBe('export');
    expect(await operator.getByTestId('operator-complete-action').textContent()).toContain('下载副本');
    await operator.getByTestId('operator-complete-submit').click();
    await waitForCount(operator, 'operator-request', (count) => count === 0, 'the completed request leaves the open queue');

    await person.goto(`${server.baseUrl}/me/privacy`);
    const item = person.locator(`[data-testid="request-item"][data-request-id="${accessId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('completed');
    expect(await item.getByTestId('request-answer').textContent()).toContain('正在为您准备个人信息副本');
    const answer = (await myRequests(person)).find((request) => request.id === accessId) as RequestAnswer & { exportId: string | null };
    expect(answer.exportId).toMatch(/^[0-9a-f-]{36}$/);
    await item.scrollIntoViewIfNeeded();
    await screenshot(person, 'privacy-request-access-completed');
  });
});

it('raised no uncaught error in any page', () => {
  expect(pageErrors).toEqual([]);
});
