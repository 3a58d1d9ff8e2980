import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acceptPolicyAndReload, screenshot, signIn, uniqueId, useBrowser, useServer } from './browser.ts';

/**
 * The operator's policy editor in a real browser against a real server process (P9.1, P12.1,
 * P0.1). The server publishes the policy shipped with the product (1.0) into its empty data folder;
 * a person signs up and so accepts it. The operator (LOCKSTEP_OPERATORS) finds the editor in the
 * navigation, which nobody else does, and writes 1.1 from 1.0: a material change effective today,
 * so in force the moment it is published (no clock is faked). A draft identical to 1.0 is refused
 * with the server's reason; the changed one is previewed as a diff in both languages and
 * published. The person, on their next page, meets the blocking re-acceptance screen and accepts.
 */

const id = uniqueId();
const operatorEmail = `dpo-${id}@example.com`;
const personEmail = `reader-${id}@example.com`;
const addedZh = '第十三条（测试）：我们新增了浏览器测试所写的条款。';
const addedEn = 'Clause 13 (test): a clause written by the browser test.';
const summaryZh = '新增第十三条：浏览器测试条款。';

const { newPage, pageErrors } = useBrowser('policy-editor', { viewport: { width: 1280, height: 900 } });

/** Appends a line at the end of a textarea's text, as an editor would type it. */
async function appendLine(page: Page, testId: string, line: string): Promise<void> {
  const area = page.getByTestId(testId);
  await area.fill(`${(await area.inputValue()).trimEnd()}\n\n${line}\n`);
}

describe('the operator publishes a material change, and a person accepts it', () => {
  const { server, codeFor } = useServer({ LOCKSTEP_OPERATORS: operatorEmail, OTP_RESEND_COOLDOWN_SECONDS: '1' });
  let person: Page;
  let operator: Page;

  it('shows the editor in the navigation to operator staff only', async () => {
    person = await newPage('person');
    await signIn(person, server, codeFor, personEmail, '读者小周');
    await person.getByTestId('nav-policy').waitFor();
    expect(await person.getByTestId('nav-operator-policy').count()).toBe(0);
    // typed in by hand, the page says it is not for them (and the server would refuse anyway)
    await person.goto(`${server.baseUrl}/operator/policy`);
    await person.getByTestId('policy-editor-forbidden').waitFor();

    operator = await newPage('operator');
    await signIn(operator, server, codeFor, operatorEmail, '数据保护官');
    await operator.getByTestId('nav-operator-policy').click();
    await operator.waitForURL((url) => url.pathname === '/operator/policy');
    await operator.getByTestId('policy-editor-body-zh').waitFor();
  });

  it('starts from the version in force and refuses, with the server’s reason, a draft that changes nothing', async () => {
    expect(await operator.getByTestId('policy-editor-based-on').textContent()).toContain('1.0');
    expect(await operator.getByTestId('policy-editor-label').inputValue()).toBe('1.1');
    const seededZh = await operator.getByTestId('policy-editor-body-zh').inputValue();
    expect(seededZh).toContain('<a id="s11"></a>');
    expect(await operator.getByTestId('policy-editor-body-en').inputValue()).toContain('<a id="s11"></a>');
    const today = new Date().toISOString().slice(0, 10);
    expect(await operator.getByTestId('policy-editor-effective').inputValue()).toBe(today);

    // nothing chosen or summarised yet: the form says what is missing before anything is sent
    await operator.getByTestId('policy-editor-preview-button').click();
    await operator.getByText('请选择重大变更或一般变更').waitFor();
    await operator.getByText('请用中文说明改了什么。').waitFor();
    // an emptied English text is refused on its own field
    await operator.getByTestId('policy-editor-body-en').fill('');
    await operator.getByTestId('policy-editor-preview-button').click();
    await operator.getByText('请填写英文译文：两种语言同时发布。').waitFor();
    expect(await operator.getByTestId('policy-editor-preview').count()).toBe(0);

    // the same texts as 1.0: the server finds nothing to publish and says so
    await operator.reload();
    await operator.getByTestId('policy-editor-body-zh').waitFor();
    await operator.getByTestId('policy-editor-material').click();
    await operator.getByTestId('policy-editor-summary-zh').fill(summaryZh);
    await operator.getByTestId('policy-editor-summary-en').fill('Adds clause 13: a browser test clause.');
    await operator.getByTestId('policy-editor-preview-button').click();
    expect(await operator.getByTestId('policy-editor-error').textContent()).toContain('没有可发布的内容');
    expect(await operator.getByTestId('policy-editor-preview').count()).toBe(0);
  });

  it('previews the change as a diff in both languages, then publishes it in force today', async () => {
    await appendLine(operator, 'policy-editor-body-zh', addedZh);
    await appendLine(operator, 'policy-editor-body-en', addedEn);
    await operator.getByTestId('policy-editor-preview-button').click();
    const preview = operator.getByTestId('policy-editor-preview');
    await preview.waitFor();
    expect(await operator.getByTestId('policy-editor-effect').textContent()).toContain('今天生效');
    expect(await preview.getByTestId('diff-added').allTextContents()).toEqual([expect.stringContaining(addedZh)]);
    expect(await preview.getByTestId('diff-removed').count()).toBe(0);
    await screenshot(operator, 'policy-editor-preview');
    await operator.getByTestId('policy-editor-diff-en').click();
    await operator.waitForFunction((text) => Array.from(document.querySelectorAll('[data-testid="diff-added"]')).some((row) => row.textContent?.includes(text)), addedEn);

    // an edit after the preview takes the preview (and its publish button) away until previewed again
    await operator.getByTestId('policy-editor-summary-en').fill('Adds clause 13: a clause written by the browser test.');
    await preview.waitFor({ state: 'detached' });
    await operator.getByTestId('policy-editor-preview-button').click();
    await preview.waitFor();

    await operator.getByTestId('policy-editor-publish').click();
    await operator.getByTestId('policy-editor-published').waitFor();
    const published = (await (await fetch(`${server.baseUrl}/api/privacy/policy`)).json()) as { policy: { label: string; material: boolean; body: Record<string, string> } };
    expect(published.policy).toMatchObject({ label: '1.1', material: true });
    expect(published.policy.body['zh-CN']).toContain(addedZh);
    expect(published.policy.body.en).toContain(addedEn);
  });

  it('shows the person, on their next page, the blocking re-acceptance screen; accepting ends it', async () => {
    await person.goto(`${server.baseUrl}/`);
    const gate = person.getByTestId('policy-gate');
    await gate.waitFor();
    expect(await person.getByTestId('policy-gate-summary').textContent()).toContain(summaryZh);
    await person.getByTestId('policy-gate-changes').click();
    await gate.getByTestId('diff-added').first().waitFor();
    expect((await gate.getByTestId('diff-added').allTextContents()).some((line) => line.includes(addedZh))).toBe(true);
    await screenshot(person, 'policy-editor-reacceptance');

    await acceptPolicyAndReload(person);
    expect(await gate.count()).toBe(0);
    const state = await person.evaluate(async () => (await (await fetch('/api/me/policy')).json()) as { acceptanceRequired: unknown; current: { label: string } });
    expect(state).toMatchObject({ acceptanceRequired: null, current: { label: '1.1' } });
  });

  it('had no errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
