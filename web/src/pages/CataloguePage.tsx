import { Button, Col, Empty, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCategories, useProducts } from '../api/catalogue';
import { CatalogueSearch } from '../components/CatalogueSearch';
import { ProductCard } from '../components/ProductCard';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';

/** The public front page: filters live in the URL so a filtered view can be shared or reloaded. */
export default function CataloguePage() {
  const { t, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const categories = useCategories();
  const products = useProducts(category, q);

  const setFilter = (name: 'category' | 'q', value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  const options = [
    { value: '', label: t('catalogue.all') },
    ...(categories.data ?? []).map((entry) => ({ value: entry.slug, label: pick(entry.name) })),
  ];

  return (
    <Flex vertical gap={20}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('catalogue.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('catalogue.subtitle')}</Typography.Text>
      </div>
      <Flex wrap gap={16} align="center" justify="space-between">
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented data-testid="category-filter" options={options} value={category} onChange={(value) => setFilter('category', String(value))} />
        </div>
        <CatalogueSearch value={q} onSearch={(text) => setFilter('q', text)} />
      </Flex>
      {products.isError ? (
        <QueryFailure error={products.error} onRetry={() => void products.refetch()} />
      ) : products.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : products.data.length === 0 ? (
        <Empty description={t('catalogue.empty')} data-testid="catalogue-empty">
          <Button onClick={() => setParams({}, { replace: true })}>{t('catalogue.clearFilters')}</Button>
        </Empty>
      ) : (
        <>
          <Typography.Text type="secondary">{t('catalogue.count', { count: products.data.length })}</Typography.Text>
          <Row gutter={[20, 20]} style={{ opacity: products.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }}>
            {products.data.map((product) => (
              <Col key={product.slug} xs={24} sm={12} md={8} lg={6}>
                <ProductCard product={product} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </Flex>
  );
}
