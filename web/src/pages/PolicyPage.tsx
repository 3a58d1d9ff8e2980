import { Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { usePolicyInForce, usePolicyVersions } from '../api/policy';
import { PolicyContents } from '../components/privacy/PolicyContents';
import { PolicyLanguageBar } from '../components/privacy/PolicyLanguageBar';
import { PolicyMarkdown } from '../components/privacy/PolicyMarkdown';
import { PolicyVersionDrawer } from '../components/privacy/PolicyVersionDrawer';
import { PolicyVersionList, type VersionView } from '../components/privacy/PolicyVersionList';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';
import { isLocale, type Locale } from '../i18n/locales';
import { usePolicyText } from '../privacy/use-policy-text';

/**
 * The privacy policy, readable without an account: the version in force with its dates and
 * contents, and every version with what changed. `?version=<id>&view=changes` opens a version,
 * which is where a notice of a material change links to.
 */
export default function PolicyPage() {
  const { t, locale, formatDay } = useI18n();
  const policy = usePolicyInForce();
  const versions = usePolicyVersions();
  const { hash } = useLocation();
  const [params, setParams] = useSearchParams();
  // the text follows the interface language until the reader picks the other one here, or a
  // link chose it (`?lang=`, e.g. from the sign-up, in the language the person signs up in)
  const [chosenLanguage, setChosenLanguage] = useState<Locale | null>(() => {
    const asked = params.get('lang');
    return isLocale(asked) ? asked : null;
  });
  const language = chosenLanguage ?? locale;
  const { blocks, outline, title } = usePolicyText(policy.data?.body, language);

  useEffect(() => {
    // a shared link like /policy#s3 arrives before the sections exist
    if (policy.data && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [policy.data, hash]);

  const openVersion = (versionId: string, view: VersionView) => setParams({ version: versionId, view });
  const closeVersion = () => setParams({}, { replace: true });
  const putSectionInAddress = (id: string) => window.history.replaceState(window.history.state, '', `#${id}`);

  if (policy.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (policy.isError) return <QueryFailure error={policy.error} onRetry={() => void policy.refetch()} />;
  const current = policy.data;

  const versionList = (
    <Card title={t('policy.versions')} id="versions" data-testid="policy-versions">
      {versions.isError ? (
        <QueryFailure error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <PolicyVersionList versions={versions.data ?? []} loading={versions.isPending} onOpen={openVersion} />
      )}
    </Card>
  );
  const drawer = (
    <PolicyVersionDrawer
      versions={versions.data ?? []}
      versionId={params.get('version')}
      view={params.get('view') === 'changes' ? 'changes' : 'text'}
      language={language}
      onLanguageChange={setChosenLanguage}
      onViewChange={(view) => setParams((previous) => ({ version: previous.get('version') ?? '', view }), { replace: true })}
      onClose={closeVersion}
    />
  );
  const noticeLink = (
    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
      {t('policy.dataMapHint')} <Link to="/privacy">{t('policy.dataMapLink')}</Link>
    </Typography.Paragraph>
  );

  if (!current) {
    return (
      <Flex vertical gap={20}>
        <Card data-testid="policy-empty">
          <Empty description={t('policy.none')}>{noticeLink}</Empty>
        </Card>
        {(versions.data?.length ?? 0) > 0 && versionList}
        {drawer}
      </Flex>
    );
  }

  return (
    <Row gutter={[32, 24]}>
      {outline.length > 0 && (
        <Col xs={24} md={7} lg={6}>
          <PolicyContents outline={outline} />
        </Col>
      )}
      <Col xs={24} md={outline.length > 0 ? 17 : 24} lg={outline.length > 0 ? 18 : 24}>
        <Flex vertical gap={20}>
          <Card>
            <Flex vertical gap={12}>
              <Space align="center" wrap>
                <Typography.Title level={2} style={{ margin: 0 }} lang={language}>
                  {title ?? t('policy.title')}
                </Typography.Title>
                <Tag color="green" data-testid="policy-label">
                  {t('policy.versionLabel', { label: current.label })}
                </Tag>
              </Space>
              <Space size={24} wrap>
                <Typography.Text data-testid="policy-updated-on">{t('policy.updatedOnLine', { date: formatDay(current.updatedOn) })}</Typography.Text>
                <Typography.Text data-testid="policy-effective-on">{t('policy.effectiveOnLine', { date: formatDay(current.effectiveAt) })}</Typography.Text>
              </Space>
              <PolicyLanguageBar language={language} onChange={setChosenLanguage} />
              {noticeLink}
            </Flex>
          </Card>
          <Card>
            <div lang={language} data-testid="policy-body">
              <PolicyMarkdown blocks={blocks} onJump={putSectionInAddress} />
            </div>
          </Card>
          {versionList}
        </Flex>
      </Col>
      {drawer}
    </Row>
  );
}
