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
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; security: SecurityService }) {}

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

  async accept(account: AccountRow, versionId: string, language: Locale): Promise<void> {
    await this.get(versionId);
    await this.deps.db
      .insertInto('policy_acceptance')
      .values({ id: randomUUID(), account_id: account.id, version_id: versionId, language, accepted_at: this.deps.clock.now() })
      .execute();
  }

  /** Signing up is accepting the version in force, in the language the person used. */
  async acceptCurrentOnSignUp(account: AccountRow, language: Locale): Promise<void> {
    const current = await this.current();
    if (current) await this.accept(account, current.id, language);
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
    await this.publish({
      label: '1.0',
      bodyZh: zh,
      bodyEn: en,
      summaryZh: '首次发布。',
      summaryEn: 'First publication.',
      material: false,
      updatedOn: '2026-11-01',
      effectiveAt: Date.UTC(2026, 10, 1),
    });
    return true;
  }

  private async announce(row: PolicyVersionRow): Promise<void> {
    const accounts = await this.deps.db.selectFrom('account').select(['id', 'key_id']).where('status', '=', 'active').execute();
    const data = { label: row.label, effectiveAt: new Date(row.effective_at).toISOString(), updatedOn: row.updated_on, versionId: row.id };
    for (const account of accounts) await this.deps.security.notify({ id: account.id, keyId: account.key_id }, 'policy_changed', data);
  }
}
