import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../database.ts';

export type CategoryRow = Selectable<Database['catalog_category']>;
export type ProductRow = Selectable<Database['catalog_product']>;

export class CatalogRepo {
  constructor(private readonly db: Kysely<Database>) {}

  categories(): Promise<CategoryRow[]> {
    return this.db.selectFrom('catalog_category').selectAll().orderBy('position').execute();
  }

  /** `needle` is already lower-cased; LIKE wildcards in it are escaped. */
  products(filter: { categorySlug?: string | undefined; needle?: string | undefined }): Promise<ProductRow[]> {
    let query = this.db.selectFrom('catalog_product').selectAll();
    if (filter.categorySlug) query = query.where('category_slug', '=', filter.categorySlug);
    if (filter.needle) query = query.where(sql<boolean>`search_text like ${`%${escapeLike(filter.needle)}%`} escape '!'`);
    return query.orderBy('position').execute();
  }

  product(slug: string): Promise<ProductRow | undefined> {
    return this.db.selectFrom('catalog_product').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.db.selectFrom('catalog_category').select('slug').limit(1).executeTakeFirst());
  }

  async insert(categories: CategoryRow[], products: ProductRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (categories.length) await trx.insertInto('catalog_category').values(categories).execute();
      if (products.length) await trx.insertInto('catalog_product').values(products).execute();
    });
  }
}

// Kysely leaves LIKE patterns to us; '!' is our escape character on both dialects.
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`);
}
