import { Layout, Typography } from 'antd';
import { Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/context';
import { CrashBoundary } from './CrashBoundary';
import { NoticeBanner } from './NoticeBanner';
import { PolicyAcceptanceGate } from './privacy/PolicyAcceptanceGate';
import { SiteHeader } from './SiteHeader';

export function AppLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SiteHeader />
      {/* an organisation's pages are tables and trees, which need the room more than reading pages do */}
      <Layout.Content style={{ width: '100%', maxWidth: pathname.startsWith('/org/') ? 1440 : 1200, margin: '0 auto', padding: '24px 16px 48px' }}>
        <NoticeBanner />
        {/* keyed by path so that leaving a crashed page gives the next one a clean slate */}
        <CrashBoundary key={pathname}>
          <Outlet />
        </CrashBoundary>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
      </Layout.Footer>
      {/* over every page, public ones included, which stay visible behind it */}
      <PolicyAcceptanceGate />
    </Layout>
  );
}
