import { AppError } from '../../errors.ts';
import type { CatalogRepo, CategoryRow, ProductRow } from './catalog.repo.ts';
import { seedCategories, seedProducts } from './catalog.seed-data.ts';

/**
 * The operator's public product catalogue (P3.2): browsing and searching need no account and
 * touch no personal data. Search matches a substring of the text in either language, which
 * works for Chinese without a word segmenter.
 */
export class CatalogService {
  constructor(private readonly repo: CatalogRepo) {}

  categories(): Promise<CategoryRow[]> {
    return this.repo.categories();
  }

  products(filter: { category?: string | undefined; q?: string | undefined }): Promise<ProductRow[]> {
    const needle = filter.q ? normaliseSearchText(filter.q) : undefined;
    return this.repo.products({ categorySlug: filter.category, needle: needle || undefined });
  }

  async product(slug: string): Promise<ProductRow> {
    const product = await this.repo.product(slug);
    if (!product) throw new AppError('product_not_found');
    return product;
  }

  /** Fills an empty catalogue with the operator's products; an existing one is left as it is. */
  async seedIfEmpty(): Promise<boolean> {
    if (!(await this.repo.isEmpty())) return false;
    await this.repo.insert(
      seedCategories.map((category) => ({ slug: category.slug, position: category.position, name_zh: category.name['zh-CN'], name_en: category.name.en })),
      seedProducts.map((product) => ({
        slug: product.slug,
        category_slug: product.categorySlug,
        position: product.position,
        name_zh: product.name['zh-CN'],
        name_en: product.name.en,
        summary_zh: product.summary['zh-CN'],
        summary_en: product.summary.en,
        description_zh: product.description['zh-CN'],
        description_en: product.description.en,
        features_json: JSON.stringify(product.features),
        specs_json: JSON.stringify(product.specs),
        image: product.image,
        search_text: normaliseSearchText(
          [product.name, product.summary, product.description, ...product.features].flatMap((text) => [text['zh-CN'], text.en]).join('\n'),
        ),
      })),
    );
    return true;
  }
}

export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
