import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ProductSummary } from '../api/catalogue';
import { useI18n } from '../i18n/context';
import { ProductImage } from './ProductImage';

export function ProductCard({ product }: { product: ProductSummary }) {
  const { pick } = useI18n();
  const name = pick(product.name);
  return (
    <Link to={`/products/${encodeURIComponent(product.slug)}`} style={{ display: 'block', height: '100%' }}>
      <Card
        hoverable
        data-testid="product-card"
        data-product-slug={product.slug}
        style={{ height: '100%' }}
        cover={<ProductImage src={product.imageUrl} alt={name} height={180} />}
      >
        <Card.Meta
          title={name}
          description={
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
              {pick(product.summary)}
            </Typography.Paragraph>
          }
        />
      </Card>
    </Link>
  );
}
