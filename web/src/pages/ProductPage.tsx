import { ArrowLeftOutlined, CheckCircleTwoTone } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, List, Result, Row, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../api/api-error';
import { useCategories, useProduct } from '../api/catalogue';
import { ProductImage } from '../components/ProductImage';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';

export default function ProductPage() {
  const { slug = '' } = useParams();
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const product = useProduct(slug);
  const categories = useCategories();

  if (product.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (product.isError) {
    if (isApiError(product.error, 'product_not_found') || (isApiError(product.error) && product.error.status === 404)) {
      return (
        <Result
          status="404"
          title={t('product.notFound')}
          subTitle={t('product.notFoundHint')}
          data-testid="product-not-found"
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              {t('product.back')}
            </Button>
          }
        />
      );
    }
    return <QueryFailure error={product.error} onRetry={() => void product.refetch()} />;
  }

  const item = product.data;
  const name = pick(item.name);
  const category = categories.data?.find((entry) => entry.slug === item.categorySlug);

  return (
    <Flex vertical gap={20}>
      <Link to="/">
        <ArrowLeftOutlined /> {t('product.back')}
      </Link>
      <Row gutter={[32, 24]}>
        <Col xs={24} md={11}>
          <Card styles={{ body: { padding: 0 } }} style={{ overflow: 'hidden' }}>
            <ProductImage src={item.imageUrl} alt={name} height={360} />
          </Card>
        </Col>
        <Col xs={24} md={13}>
          {category && (
            <Link to={`/?category=${encodeURIComponent(category.slug)}`}>
              <Typography.Text type="secondary">{pick(category.name)}</Typography.Text>
            </Link>
          )}
          <Typography.Title level={2} data-testid="product-title" style={{ marginTop: 4 }}>
            {name}
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 16 }}>{pick(item.summary)}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-line' }}>
            {pick(item.description)}
          </Typography.Paragraph>
        </Col>
      </Row>
      <Row gutter={[32, 24]}>
        <Col xs={24} md={11}>
          <Card title={t('product.features')}>
            <List
              split={false}
              dataSource={item.features}
              renderItem={(feature) => (
                <List.Item style={{ paddingBlock: 6 }}>
                  <Flex gap={8} align="start">
                    <CheckCircleTwoTone twoToneColor="#52c41a" style={{ marginTop: 4 }} />
                    <span>{pick(feature)}</span>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={13}>
          <Card title={t('product.specs')}>
            <Descriptions
              bordered
              column={1}
              size="small"
              items={item.specs.map((spec, index) => ({ key: index, label: pick(spec.label), children: pick(spec.value) }))}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
