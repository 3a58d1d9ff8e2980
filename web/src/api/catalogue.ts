import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Localized } from '../i18n/locales';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface Category {
  slug: string;
  name: Localized;
}

export interface ProductSummary {
  slug: string;
  categorySlug: string;
  name: Localized;
  summary: Localized;
  imageUrl: string;
}

export interface Product extends ProductSummary {
  description: Localized;
  features: Localized[];
  specs: { label: Localized; value: Localized }[];
}

export function useCategories() {
  return useQuery({
    queryKey: queryKeys.categories,
    queryFn: ({ signal }) => api.get<{ categories: Category[] }>('/api/catalogue/categories', undefined, signal),
    select: (answer) => answer.categories,
    staleTime: 5 * 60_000,
  });
}

export function useProducts(category: string, q: string) {
  return useQuery({
    queryKey: queryKeys.products(category, q),
    queryFn: ({ signal }) =>
      api.get<{ products: ProductSummary[] }>('/api/catalogue/products', { category: category || undefined, q: q || undefined }, signal),
    select: (answer) => answer.products,
    // keeps the old cards on screen while a new search runs, instead of flashing a spinner per keystroke
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useProduct(slug: string) {
  return useQuery({
    queryKey: queryKeys.product(slug),
    queryFn: ({ signal }) => api.get<{ product: Product }>(`/api/catalogue/products/${encodeURIComponent(slug)}`, undefined, signal),
    select: (answer) => answer.product,
    staleTime: 60_000,
  });
}
