import { Alert, Button, Flex, Space } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { isNewDeviceNotice, type Notice } from '../api/notices';
import { useMarkNoticeRead, useUnreadNotices } from '../account/use-notices';
import { policyNoticeLink, useNoticeText } from '../account/use-notice-text';
import { useI18n } from '../i18n/context';

/**
 * A sign-in from a new device, or a material change of the privacy policy, is worth interrupting
 * for, on every page, until acknowledged.
 */
export function NoticeBanner() {
  const unread = useUnreadNotices();
  if (unread.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="notice-banner">
      {unread.map((notice) => (
        <NoticeAlert key={notice.id} notice={notice} />
      ))}
    </Flex>
  );
}

function NoticeAlert({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const markRead = useMarkNoticeRead();
  const describe = useNoticeText();
  const { title, body } = describe(notice);
  const newDevice = isNewDeviceNotice(notice);
  const policyLink = policyNoticeLink(notice);
  return (
    <Alert
      type={newDevice ? 'warning' : 'info'}
      showIcon
      title={title}
      description={body}
      data-testid={`notice-${notice.kind}`}
      action={
        <Space orientation="vertical">
          {newDevice && pathname !== '/me/sessions' && (
            <Button size="small" danger onClick={() => navigate('/me/sessions')}>
              {t('notice.viewSessions')}
            </Button>
          )}
          {policyLink && (
            <Button size="small" type="primary" data-testid="notice-read-policy" onClick={() => navigate(policyLink)}>
              {t('notice.readPolicy')}
            </Button>
          )}
          <Button size="small" loading={markRead.isPending && markRead.variables === notice.id} onClick={() => markRead.mutate(notice.id)}>
            {newDevice ? t('notice.markRead') : t('notice.acknowledge')}
          </Button>
        </Space>
      }
    />
  );
}
