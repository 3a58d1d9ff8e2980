import type { CategoryRow, ProductRow } from './catalog.repo.ts';

type Localised = { 'zh-CN': string; en: string };
const localised = (zh: string, en: string): Localised => ({ 'zh-CN': zh, en });

export function presentCategory(row: CategoryRow) {
  return { slug: row.slug, name: localised(row.name_zh, row.name_en) };
}

export function presentProductSummary(row: ProductRow) {
  return {
    slug: row.slug,
    categorySlug: row.category_slug,
    name: localised(row.name_zh, row.name_en),
    summary: localised(row.summary_zh, row.summary_en),
    imageUrl: `/catalogue/images/${encodeURIComponent(row.image)}`,
  };
}

export function presentProduct(row: ProductRow) {
  return {
    ...presentProductSummary(row),
    description: localised(row.description_zh, row.description_en),
    features: JSON.parse(row.features_json) as Localised[],
    specs: JSON.parse(row.specs_json) as Array<{ label: Localised; value: Localised }>,
  };
}
