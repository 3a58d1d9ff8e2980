import { col, table, type RowOf, type TableSpec } from '../../platform/datamap/declare.ts';

const publicCatalogue: Omit<TableSpec, 'name' | 'columns'> = {
  subject: null,
  purpose: { 'zh-CN': '展示运营方的产品与服务（P3.2）', en: 'Showing the operator’s products and services (P3.2)' },
  legalBasis: { 'zh-CN': '不涉及个人信息', en: 'No personal information involved' },
  retention: 'catalogue.public',
  recipients: [],
};

const text = () => col.text({ category: 'system.catalogue' });

export const catalogCategoryTable = table('catalog_category', {
  ...publicCatalogue,
  columns: {
    slug: col.id('system.catalogue'),
    position: col.int({ category: 'system.catalogue' }),
    name_zh: text(),
    name_en: text(),
  },
});

export const catalogProductTable = table('catalog_product', {
  ...publicCatalogue,
  columns: {
    slug: col.id('system.catalogue'),
    category_slug: col.ref('catalog_category', { category: 'system.catalogue' }),
    position: col.int({ category: 'system.catalogue' }),
    name_zh: text(),
    name_en: text(),
    summary_zh: text(),
    summary_en: text(),
    description_zh: text(),
    description_en: text(),
    features_json: text(),
    specs_json: text(),
    image: text(),
    // lower-cased text of both languages, for substring search that works for CJK
    search_text: text(),
  },
});

export interface CatalogTables {
  catalog_category: RowOf<typeof catalogCategoryTable>;
  catalog_product: RowOf<typeof catalogProductTable>;
}
