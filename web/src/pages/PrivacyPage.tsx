import { Anchor, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { usePrivacyNotice, type DataCategory } from '../api/privacy';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';

/** Stable, readable anchors, so a link can point at one category of the notice. */
export const categoryAnchor = (key: string) => `privacy-${key}`;

/** Space for the sticky header when jumping to an anchor. */
const headerOffset = 80;

export default function PrivacyPage() {
  const { t, pick, formatDate } = useI18n();
  const notice = usePrivacyNotice();
  const { hash } = useLocation();

  useEffect(() => {
    // a shared link like /privacy#privacy-contact arrives before the sections exist
    if (notice.data && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [notice.data, hash]);

  if (notice.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (notice.isError) return <QueryFailure error={notice.error} onRetry={() => void notice.refetch()} />;
  const { controller, updatedAt, categories } = notice.data;

  return (
    <Row gutter={[32, 24]}>
      <Col xs={24} md={7} lg={6}>
        {/* the list grows with the data map: it scrolls within the window instead of running past it */}
        <Card
          size="small"
          title={t('privacy.contents')}
          style={{ position: 'sticky', top: headerOffset }}
          styles={{ body: { maxHeight: `calc(100vh - ${headerOffset + 72}px)`, overflowY: 'auto' } }}
        >
          <Anchor
            affix={false}
            targetOffset={headerOffset}
            items={categories.map((category) => ({
              key: category.key,
              href: `#${categoryAnchor(category.key)}`,
              title: pick(category.name),
            }))}
          />
        </Card>
      </Col>
      <Col xs={24} md={17} lg={18}>
        <Flex vertical gap={20}>
          <div>
            <Typography.Title level={2} style={{ marginTop: 0 }}>
              {t('privacy.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('privacy.intro')} <Link to="/policy">{t('privacy.policyLink')}</Link>
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'controller', label: t('privacy.controller'), children: pick(controller) },
                ...(updatedAt ? [{ key: 'updatedAt', label: t('privacy.updatedAt'), children: formatDate(updatedAt) }] : []),
              ]}
            />
          </div>
          {categories.map((category) => (
            <DataCategorySection key={category.key} category={category} />
          ))}
        </Flex>
      </Col>
    </Row>
  );
}

function DataCategorySection({ category }: { category: DataCategory }) {
  const { t, pick } = useI18n();
  return (
    <Card
      id={categoryAnchor(category.key)}
      style={{ scrollMarginTop: headerOffset }}
      data-testid="privacy-category"
      title={
        <Space>
          {pick(category.name)}
          {category.sensitive && <Tag color="red">{t('privacy.sensitive')}</Tag>}
        </Space>
      }
    >
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'purpose', label: t('privacy.purpose'), children: pick(category.purpose) },
          { key: 'legalBasis', label: t('privacy.legalBasis'), children: pick(category.legalBasis) },
          { key: 'retention', label: t('privacy.retention'), children: pick(category.retention) },
          {
            key: 'recipients',
            label: t('privacy.recipients'),
            children: category.recipients.length ? category.recipients.map((recipient) => pick(recipient)).join('；') : t('privacy.noRecipients'),
          },
          {
            key: 'fields',
            label: t('privacy.fields'),
            children: (
              <Flex wrap gap={4}>
                {category.fields.map((field) => (
                  <Tag key={field} style={{ fontFamily: 'monospace' }}>
                    {field}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
