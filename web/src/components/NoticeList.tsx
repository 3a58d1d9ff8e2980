import { Button, Empty, List, Tag } from 'antd';
import { useAccountNotices, useMarkNoticeRead } from '../account/use-notices';
import { useNoticeText } from '../account/use-notice-text';
import { useI18n } from '../i18n/context';
import { QueryFailure } from './QueryFailure';

export function NoticeList() {
  const { t } = useI18n();
  const notices = useAccountNotices();
  const markRead = useMarkNoticeRead();
  const describe = useNoticeText();
  if (notices.isError) return <QueryFailure error={notices.error} onRetry={() => void notices.refetch()} />;
  return (
    <List
      loading={notices.isPending}
      dataSource={notices.data ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notice.none')} /> }}
      renderItem={(notice) => (
        <List.Item
          data-testid="notice-item"
          actions={[
            notice.readAt ? (
              <Tag key="read">{t('notice.read')}</Tag>
            ) : (
              <Button key="read" size="small" onClick={() => markRead.mutate(notice.id)}>
                {t('notice.markRead')}
              </Button>
            ),
          ]}
        >
          <List.Item.Meta title={t('notice.newDevice.title')} description={describe(notice)} />
        </List.Item>
      )}
    />
  );
}
