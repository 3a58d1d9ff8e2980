import { useI18n } from '../i18n/context';
import { SearchBox } from './SearchBox';

export function CatalogueSearch({ value, onSearch }: { value: string; onSearch(text: string): void }) {
  const { t } = useI18n();
  return <SearchBox value={value} placeholder={t('catalogue.searchPlaceholder')} testId="catalogue-search" onSearch={onSearch} />;
}
