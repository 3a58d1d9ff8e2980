import { LogoutOutlined, SafetyOutlined, UserOutlined, LaptopOutlined, DownOutlined, FileProtectOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAccount } from '../api/account';
import { useSignOut } from '../account/use-sign-out';
import { useI18n } from '../i18n/context';
import { AccountAvatar } from './AccountAvatar';
import { ContactsLink } from './ContactsLink';
import { InvitationsLink } from './InvitationsLink';
import { NoticeBell } from './NoticeBell';
import { OrgSwitcher } from './OrgSwitcher';

/** The header's right end: "Sign in" for visitors, the account menu for a signed-in person. */
export function AccountArea() {
  const { t } = useI18n();
  const account = useAccount();
  const navigate = useNavigate();
  const signOut = useSignOut();
  // on a phone the header keeps only icons, so the brand and menu still fit
  const compact = !Grid.useBreakpoint().md;

  if (account.isPending) return null;
  if (!account.data) {
    return (
      <Button type="primary" onClick={() => navigate('/sign-in')} data-testid="header-sign-in">
        {t('header.signIn')}
      </Button>
    );
  }

  const menu = {
    items: [
      { key: '/me', icon: <UserOutlined />, label: t('header.profile') },
      { key: '/me/sessions', icon: <LaptopOutlined />, label: t('header.sessions') },
      { key: '/me/security', icon: <SafetyOutlined />, label: t('header.securityLog') },
      { key: '/me/privacy', icon: <FileProtectOutlined />, label: t('header.privacyCentre') },
      { type: 'divider' as const },
      { key: 'sign-out', icon: <LogoutOutlined />, label: t('header.signOut'), danger: true },
    ],
    onClick: ({ key }: { key: string }) => (key === 'sign-out' ? void signOut() : navigate(key)),
  };

  return (
    <Space size={compact ? 0 : 4}>
      <OrgSwitcher />
      <ContactsLink />
      <InvitationsLink />
      <NoticeBell />
      <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="account-menu" aria-label={account.data.name} style={{ height: 40, paddingInline: compact ? 4 : undefined }}>
          <Space size={8}>
            <AccountAvatar account={account.data} size={28} />
            {!compact && <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>{account.data.name}</span>}
            {!compact && <DownOutlined style={{ fontSize: 10 }} />}
          </Space>
        </Button>
      </Dropdown>
      {/* also outside the menu: signing out should never take a hunt */}
      <Button
        type="text"
        icon={<LogoutOutlined />}
        data-testid="sign-out"
        aria-label={t('header.signOut')}
        title={t('header.signOut')}
        onClick={() => void signOut()}
      >
        {!compact && t('header.signOut')}
      </Button>
    </Space>
  );
}
