import { Alert, Button, Flex, Space } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMarkNoticeRead, useUnreadNotices } from '../account/use-notices';
import { useNoticeText } from '../account/use-notice-text';
import { useI18n } from '../i18n/context';

/** A sign-in from a new device is worth interrupting for, on every page, until acknowledged. */
export function NoticeBanner() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const unread = useUnreadNotices();
  const markRead = useMarkNoticeRead();
  const describe = useNoticeText();
  if (unread.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="notice-banner">
      {unread.map((notice) => (
        <Alert
          key={notice.id}
          type="warning"
          showIcon
          title={t('notice.newDevice.title')}
          description={describe(notice)}
          action={
            <Space orientation="vertical">
              {pathname !== '/me/sessions' && (
                <Button size="small" danger onClick={() => navigate('/me/sessions')}>
                  {t('notice.viewSessions')}
                </Button>
              )}
              <Button size="small" loading={markRead.isPending && markRead.variables === notice.id} onClick={() => markRead.mutate(notice.id)}>
                {t('notice.markRead')}
              </Button>
            </Space>
          }
        />
      ))}
    </Flex>
  );
}
