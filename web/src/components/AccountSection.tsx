import { Tabs } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/context';

/** The frame of the account pages: tabs on top, so they read as one place. */
export function AccountSection() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <Tabs
        activeKey={pathname.replace(/\/$/, '')}
        onChange={(key) => navigate(key)}
        items={[
          { key: '/me', label: t('header.profile') },
          { key: '/me/sessions', label: t('header.sessions') },
          { key: '/me/security', label: t('header.securityLog') },
          { key: '/me/privacy', label: <span data-testid="tab-privacy-centre">{t('header.privacyCentre')}</span> },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Outlet />
    </>
  );
}
