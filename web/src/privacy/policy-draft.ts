import type { PolicyDraft } from '../api/policy';

/** The editor's fields: one per input, so a server error can be put on the input it is about. */
export interface PolicyDraftFields {
  label: string;
  kind?: 'material' | 'minor';
  effectiveOn: string;
  bodyZh: string;
  bodyEn: string;
  summaryZh: string;
  summaryEn: string;
}

export function draftOf(fields: PolicyDraftFields): PolicyDraft {
  return {
    label: fields.label.trim(),
    body: { 'zh-CN': fields.bodyZh, en: fields.bodyEn },
    summary: { 'zh-CN': fields.summaryZh.trim(), en: fields.summaryEn.trim() },
    material: fields.kind === 'material',
    effectiveOn: fields.effectiveOn,
  };
}

/** Today as the server counts effective dates: a UTC day, YYYY-MM-DD. */
export function todayUtcDay(nowMs: number = Date.now()): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/** The next label after the one in force: "1.0" → "1.1", "2" → "3"; nothing to suggest for other labels. */
export function nextLabel(current: string | null | undefined): string {
  if (!current) return '1.0';
  const match = /^(.*?)(\d+)$/.exec(current.trim());
  return match ? `${match[1]}${Number(match[2]) + 1}` : '';
}

/** The server names the missing text as `body.zh-CN`, `summary.en`, …: which input that is. */
export const fieldOfServerField: Record<string, keyof PolicyDraftFields> = {
  'body.zh-CN': 'bodyZh',
  'body.en': 'bodyEn',
  'summary.zh-CN': 'summaryZh',
  'summary.en': 'summaryEn',
  effectiveOn: 'effectiveOn',
  label: 'label',
};
