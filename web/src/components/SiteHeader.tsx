import { Flex, Layout, Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useServerConfig } from '../api/config';
import { useIsOperator } from '../api/operator';
import { useI18n } from '../i18n/context';
import { AccountArea } from './AccountArea';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

function sectionOf(pathname: string): string {
  // the policy and the data-map notice it links to are one section: "Privacy"
  if (pathname.startsWith('/policy') || pathname.startsWith('/privacy')) return 'privacy';
  if (pathname.startsWith('/dev/outbox')) return 'outbox';
  if (pathname.startsWith('/operator/policy')) return 'operator-policy';
  if (pathname.startsWith('/operator')) return 'operator';
  if (pathname === '/' || pathname.startsWith('/products')) return 'products';
  return '';
}

export function SiteHeader() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const config = useServerConfig();
  const operator = useIsOperator();

  const items = [
    { key: 'products', label: <Link to="/">{t('nav.products')}</Link> },
    { key: 'privacy', label: <Link to="/policy" data-testid="nav-policy">{t('nav.privacy')}</Link> },
    ...(operator
      ? [
          {
            key: 'operator',
            label: (
              <Link to="/operator/requests" data-testid="nav-operator-requests">
                {t('nav.operatorRequests')}
              </Link>
            ),
          },
          {
            key: 'operator-policy',
            label: (
              <Link to="/operator/policy" data-testid="nav-operator-policy">
                {t('nav.operatorPolicy')}
              </Link>
            ),
          },
        ]
      : []),
    ...(config.data?.devMode ? [{ key: 'outbox', label: <Link to="/dev/outbox">{t('nav.devOutbox')}</Link> }] : []),
  ];

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        position: 'sticky',
        top: 0,
        zIndex: 10,
        background: '#fff',
        borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
        paddingInline: 16,
      }}
    >
      <BrandMark />
      <Menu
        mode="horizontal"
        selectedKeys={[sectionOf(pathname)]}
        items={items}
        style={{ flex: 1, minWidth: 0, borderBottom: 'none', background: 'transparent' }}
      />
      <Flex align="center" gap={4}>
        <LanguageSwitch />
        <AccountArea />
      </Flex>
    </Layout.Header>
  );
}
