import { Card, Descriptions, Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useAccount } from '../api/account';
import { AvatarEditor } from '../components/AvatarEditor';
import { LocaleEditor } from '../components/LocaleEditor';
import { NameEditor } from '../components/NameEditor';
import { NoticeList } from '../components/NoticeList';
import { useI18n } from '../i18n/context';

export default function ProfilePage() {
  const { t, formatDate } = useI18n();
  const account = useAccount().data;
  const { hash } = useLocation();

  useEffect(() => {
    // the header bell links to /me#notices; the router does not scroll to anchors by itself
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView({ behavior: 'smooth' });
  }, [hash]);

  // RequireSignIn renders this page only with an account
  if (!account) return null;
  const missing = <Typography.Text type="secondary">{t('profile.notProvided')}</Typography.Text>;

  return (
    <Flex vertical gap={24}>
      <Card title={t('profile.title')}>
        <Descriptions
          column={1}
          styles={{ label: { width: 160 } }}
          items={[
            { key: 'avatar', label: t('profile.avatar'), children: <AvatarEditor account={account} /> },
            { key: 'name', label: t('profile.name'), children: <NameEditor account={account} /> },
            { key: 'email', label: t('profile.email'), children: account.email ?? missing },
            { key: 'phone', label: t('profile.phone'), children: account.phone ?? missing },
            { key: 'locale', label: t('profile.locale'), children: <LocaleEditor account={account} /> },
            { key: 'createdAt', label: t('profile.createdAt'), children: formatDate(account.createdAt) },
          ]}
        />
      </Card>
      <Card title={t('profile.notices')} id="notices">
        <NoticeList />
      </Card>
    </Flex>
  );
}
