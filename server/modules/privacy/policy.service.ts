import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import type { Locale } from '../../../common/locale.ts';
import type { AccountRow } from '../identity/identity.repo.ts';
import type { SecurityService } from '../security/security.service.ts';
import { lineDiff, type DiffLine } from './line-diff.ts';

export type PolicyVersionRow = Selectable<Database['policy_version']>;

export interface PublishInput {
  label: string;
  bodyZh: string;
  bodyEn: string;
  summaryZh: string;
  summaryEn: string;
  material: boolean;
  updatedOn: string;
  effectiveAt: number;
}

/** A new version as the operator writes it in the editor: checked here, so the CLI's rules and the web's are one. */
export interface PolicyDraft {
  label: string;
  body: { 'zh-CN'?: string | undefined; en?: string | undefined };
  summary: { 'zh-CN'?: string | undefined; en?: string | undefined };
  material: boolean;
  /** the day it comes into force, from 00:00 UTC (YYYY-MM-DD) */
  effectiveOn: string;
}

export interface PolicyPreview {
  /** the version in force the draft is compared with; none before the first publication */
  against: PolicyVersionRow | undefined;
  effectiveAt: number;
  /** effective today: in force as soon as it is published (a material one then asks everyone at once) */
  inForceAtOnce: boolean;
  diff: { zh: DiffLine[]; en: DiffLine[] };
}

export interface PolicyState {
  current: PolicyVersionRow | undefined;
  /** a material version in force that this person has not accepted: the page blocks until they do */
  acceptanceRequired: PolicyVersionRow | undefined;
  /** a published material version whose effective date is still ahead */
  upcoming: PolicyVersionRow | undefined;
}

/**
 * Versions of the privacy policy (P9.1, P12.1, P0.1): every version stays readable without an
 * account, with its update date and effective date; a material change is announced to every
 * account and, from its effective date, must be accepted (or the account cancelled).
 */
export class PolicyService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      security: SecurityService;
      /** operator staff (LOCKSTEP_OPERATORS), as the privacy requests' queue knows them */
      isOperator: (account: AccountRow) => Promise<boolean>;
    },
  ) {}

  list(): Promise<PolicyVersionRow[]> {
    return this.deps.db.selectFrom('policy_version').selectAll().orderBy('effective_at', 'desc').orderBy('published_at', 'desc').execute();
  }

  async get(id: string): Promise<PolicyVersionRow> {
    const row = await this.deps.db.selectFrom('policy_version').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('policy_version_not_found');
    return row;
  }

  async current(): Promise<PolicyVersionRow | undefined> {
    return (await this.list()).find((row) => row.effective_at <= this.deps.clock.now());
  }

  async publish(input: PublishInput): Promise<PolicyVersionRow> {
    if (await this.deps.db.selectFrom('policy_version').select('id').where('label', '=', input.label).executeTakeFirst()) throw new AppError('policy_label_taken');
    const row: PolicyVersionRow = {
      id: randomUUID(),
      label: input.label,
      body_zh: input.bodyZh,
      body_en: input.bodyEn,
      summary_zh: input.summaryZh,
      summary_en: input.summaryEn,
      material: input.material ? 1 : 0,
      updated_on: input.updatedOn,
      effective_at: input.effectiveAt,
      published_at: this.deps.clock.now(),
    };
    await this.deps.db.insertInto('policy_version').values(row).execute();
    if (input.material) await this.announce(row);
    return row;
  }

  /** What publishing the draft would change, line by line against the version in force, without publishing it. */
  async preview(operator: AccountRow, draft: PolicyDraft): Promise<PolicyPreview> {
    await this.assertOperator(operator);
    const { input, against } = await this.checkDraft(draft);
    return {
      against,
      effectiveAt: input.effectiveAt,
      inForceAtOnce: input.effectiveAt <= this.deps.clock.now(),
      diff: { zh: changesFrom(against?.body_zh, input.bodyZh), en: changesFrom(against?.body_en, input.bodyEn) },
    };
  }

  /** The operator publishes from the editor: the same checks as the preview, then as `publish`. */
  async publishDraft(operator: AccountRow, draft: PolicyDraft): Promise<PolicyVersionRow> {
    await this.assertOperator(operator);
    return this.publish((await this.checkDraft(draft)).input);
  }

  async stateFor(account: AccountRow): Promise<PolicyState> {
    const versions = await this.list();
    const now = this.deps.clock.now();
    const accepted = new Set(
      (await this.deps.db.selectFrom('policy_acceptance').select('version_id').where('account_id', '=', account.id).execute()).map((row) => row.version_id),
    );
    const inForce = versions.filter((row) => row.effective_at <= now);
    const latestMaterial = inForce.find((row) => row.material === 1);
    // accepting a later version also covers an earlier material one
    const acceptedSince = latestMaterial ? inForce.some((row) => accepted.has(row.id) && row.effective_at >= latestMaterial.effective_at) : true;
    return {
      current: inForce[0],
      acceptanceRequired: latestMaterial && !acceptedSince ? latestMaterial : undefined,
      upcoming: versions.find((row) => row.effective_at > now && row.material === 1),
    };
  }

  /** A signed-in person accepts a version, in the language they read it in. */
  async accept(account: AccountRow, versionId: string, language: Locale): Promise<void> {
    await this.get(versionId);
    await this.record(account, versionId, language, 'signed_in', this.deps.db);
  }

  /**
   * Before a sign-up creates anything: the version the page showed and the person accepted must
   * be the one in force. Missing, or another one (a version came into force while the page was
   * open), the page is told which version to show, and the code stays usable. Undefined when no
   * version has been published: there is nothing to show or accept.
   */
  async versionAcceptedAtSignUp(shownVersionId: string | undefined): Promise<string | undefined> {
    const current = await this.current();
    if (!current) return undefined;
    const inForce = { currentVersionId: current.id, label: current.label };
    if (!shownVersionId) throw new AppError('policy_acceptance_required', inForce);
    if (shownVersionId !== current.id) throw new AppError('policy_version_outdated', inForce);
    return current.id;
  }

  /** The acceptance a sign-up gave, written in the transaction that creates the account: neither exists without the other. */
  recordSignUpAcceptance(account: AccountRow, versionId: string, language: Locale, executor: Kysely<Database>): Promise<void> {
    return this.record(account, versionId, language, 'sign_up', executor);
  }

  private async record(account: AccountRow, versionId: string, language: Locale, occasion: 'sign_up' | 'signed_in', executor: Kysely<Database>): Promise<void> {
    await executor
      .insertInto('policy_acceptance')
      .values({ id: randomUUID(), account_id: account.id, version_id: versionId, language, accepted_at: this.deps.clock.now(), occasion })
      .execute();
  }

  async diff(fromId: string, toId: string, language: Locale): Promise<DiffLine[]> {
    const [from, to] = [await this.get(fromId), await this.get(toId)];
    return language === 'en' ? lineDiff(from.body_en, to.body_en) : lineDiff(from.body_zh, to.body_zh);
  }

  /** The first version, from the texts shipped with the product, into an empty table. */
  async seedIfEmpty(textsDir: string): Promise<boolean> {
    if (await this.deps.db.selectFrom('policy_version').select('id').limit(1).executeTakeFirst()) return false;
    const read = (name: string) => {
      const file = path.join(textsDir, name);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    };
    const zh = read('v1.zh-CN.md');
    const en = read('v1.en.md');
    if (!zh || !en) return false;
    const label = '1.0';
    try {
      await this.publish({
        label,
        bodyZh: zh,
        bodyEn: en,
        summaryZh: '首次发布。',
        summaryEn: 'First publication.',
        material: false,
        updatedOn: '2026-11-01',
        effectiveAt: Date.UTC(2026, 10, 1),
      });
    } catch (error) {
      // Two servers starting together on one database both found the table empty: the one that
      // published second stops here (on the label check or on its unique index), and starts.
      if (await this.deps.db.selectFrom('policy_version').select('id').where('label', '=', label).executeTakeFirst()) return false;
      throw error;
    }
    return true;
  }

  private async assertOperator(account: AccountRow): Promise<void> {
    if (!(await this.deps.isOperator(account))) throw new AppError('forbidden');
  }

  /**
   * Both languages' texts and summaries (zh-CN prevails, P12.1), a label not yet used, an
   * effective day that is today or later (UTC): a version never comes into force retroactively,
   * and a material one is announced to everyone the moment it is published (P9.1). Each failure
   * says which field and why.
   */
  private async checkDraft(draft: PolicyDraft): Promise<{ input: PublishInput; against: PolicyVersionRow | undefined }> {
    const fields = [
      ['body', 'zh-CN', 'The Chinese text is empty. It is the version that prevails (P12.1), so it must be given.'],
      ['body', 'en', 'The English translation is empty. Both languages are published together.'],
      ['summary', 'zh-CN', 'Say in Chinese what changed: the summary is shown with the notice of the change.'],
      ['summary', 'en', 'Say in English what changed: the summary is shown with the notice of the change.'],
    ] as const;
    for (const [part, language, message] of fields) {
      if (!draft[part][language]?.trim()) throw new AppError('policy_text_required', { field: `${part}.${language}` }, message);
    }
    const label = draft.label.trim();
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(draft.effectiveOn);
    const effectiveAt = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : Number.NaN;
    if (!day || new Date(effectiveAt).toISOString().slice(0, 10) !== draft.effectiveOn) throw new AppError('policy_effective_date_invalid', { field: 'effectiveOn' });
    const today = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    if (draft.effectiveOn < today) throw new AppError('policy_effective_in_past', { field: 'effectiveOn', today });
    if (await this.deps.db.selectFrom('policy_version').select('id').where('label', '=', label).executeTakeFirst()) throw new AppError('policy_label_taken', { field: 'label' });

    const input: PublishInput = {
      label,
      bodyZh: withFinalNewline(draft.body['zh-CN'] as string),
      bodyEn: withFinalNewline(draft.body.en as string),
      summaryZh: (draft.summary['zh-CN'] as string).trim(),
      summaryEn: (draft.summary.en as string).trim(),
      material: draft.material,
      updatedOn: today,
      effectiveAt,
    };
    const against = await this.current();
    if (against && withFinalNewline(against.body_zh) === input.bodyZh && withFinalNewline(against.body_en) === input.bodyEn) throw new AppError('policy_unchanged');
    return { input, against };
  }

  private async announce(row: PolicyVersionRow): Promise<void> {
    const accounts = await this.deps.db.selectFrom('account').select(['id', 'key_id']).where('status', '=', 'active').execute();
    const data = { label: row.label, effectiveAt: new Date(row.effective_at).toISOString(), updatedOn: row.updated_on, versionId: row.id };
    for (const account of accounts) await this.deps.security.notify({ id: account.id, keyId: account.key_id }, 'policy_changed', data);
  }
}

/** Editors drop or add the last newline at will; a diff should not show it as a change. */
function withFinalNewline(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  return `${trimmed}\n`;
}

/** The draft against the version in force; before the first publication every line is new. */
function changesFrom(before: string | undefined, after: string): DiffLine[] {
  return before === undefined ? after.split('\n').map((text) => ({ op: 'added' as const, text })) : lineDiff(withFinalNewline(before), after);
}
