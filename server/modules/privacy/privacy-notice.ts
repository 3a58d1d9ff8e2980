import { declaredTables } from '../../data-map.ts';
import { dataCategories, type DataCategoryKey, type Localised } from '../../platform/datamap/categories.ts';
import { retentionRules } from '../../platform/datamap/retention.ts';

export interface NoticeCategory {
  key: string;
  name: Localised;
  sensitive: boolean;
  purpose: Localised;
  legalBasis: Localised;
  retention: Localised;
  recipients: Localised[];
  fields: string[];
}

export interface PrivacyNotice {
  controller: Localised;
  categories: NoticeCategory[];
}

const controller: Localised = {
  'zh-CN': '本平台运营方（Lockstep 部署的运营者）',
  en: 'The operator of this platform (whoever runs this Lockstep deployment)',
};

/**
 * The data-map part of the privacy notice, generated from the same declarations that drive the
 * schema, so the published notice cannot drift from what is stored (P2.7, P0.1).
 */
export function buildPrivacyNotice(): PrivacyNotice {
  const byCategory = new Map<DataCategoryKey, { purposes: Localised[]; bases: Localised[]; retention: Localised[]; recipients: Localised[]; fields: string[] }>();
  for (const table of declaredTables()) {
    for (const [column, spec] of Object.entries(table.columns)) {
      if (!dataCategories[spec.category].personal) continue;
      const entry = byCategory.get(spec.category) ?? { purposes: [], bases: [], retention: [], recipients: [], fields: [] };
      addUnique(entry.purposes, spec.purpose ?? table.purpose);
      addUnique(entry.bases, spec.legalBasis ?? table.legalBasis);
      addUnique(entry.retention, retentionRules[table.retention].description);
      for (const recipient of table.recipients) addUnique(entry.recipients, recipient);
      entry.fields.push(`${table.name}.${column}`);
      byCategory.set(spec.category, entry);
    }
  }
  const categories = [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, entry]) => ({
      key,
      name: dataCategories[key].name,
      sensitive: dataCategories[key].sensitive,
      purpose: join(entry.purposes),
      legalBasis: join(entry.bases),
      retention: join(entry.retention),
      recipients: entry.recipients,
      fields: entry.fields,
    }));
  return { controller, categories };
}

function addUnique(list: Localised[], item: Localised): void {
  if (!list.some((existing) => existing.en === item.en)) list.push(item);
}

function join(items: Localised[]): Localised {
  return { 'zh-CN': items.map((item) => item['zh-CN']).join('；'), en: items.map((item) => item.en).join('; ') };
}

/** docs/PRIVACY.md: the same notice as Markdown, both languages, checked in and kept current by a test. */
export function renderPrivacyMarkdown(notice: PrivacyNotice): string {
  const lines = [
    '# 隐私声明：我们保存的个人信息 / Privacy notice: the personal information we keep',
    '',
    '<!-- Generated from the data map by `npx lockstep privacy-notice --write`. Do not edit by hand. -->',
    '',
    `${notice.controller['zh-CN']} / ${notice.controller.en}`,
    '',
    '## 目录 / Contents',
    '',
    ...notice.categories.map((category) => `- [${category.name['zh-CN']} / ${category.name.en}](#${category.key.replace(/\./g, '')})`),
    '',
  ];
  for (const category of notice.categories) {
    lines.push(
      `<a id="${category.key.replace(/\./g, '')}"></a>`,
      `## ${category.name['zh-CN']} / ${category.name.en}${category.sensitive ? ' (敏感个人信息 / sensitive)' : ''}`,
      '',
      `- 目的 / Purpose: ${category.purpose['zh-CN']} / ${category.purpose.en}`,
      `- 法律依据 / Legal basis: ${category.legalBasis['zh-CN']} / ${category.legalBasis.en}`,
      `- 保存期限 / Retention: ${category.retention['zh-CN']} / ${category.retention.en}`,
      `- 接收方 / Recipients: ${category.recipients.length ? category.recipients.map((r) => `${r['zh-CN']} / ${r.en}`).join(', ') : '无（仅运营方处理）/ none (processed only by the operator)'}`,
      `- 字段 / Fields: ${category.fields.map((field) => `\`${field}\``).join(', ')}`,
      '',
    );
  }
  return lines.join('\n');
}
