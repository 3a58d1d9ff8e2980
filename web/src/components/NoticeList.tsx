import { Button, Empty, List, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useAccountNotices, useMarkNoticeRead } from '../account/use-notices';
import { policyNoticeLink, useNoticeText } from '../account/use-notice-text';
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
      renderItem={(notice) => {
        const { title, body } = describe(notice);
        const policyLink = policyNoticeLink(notice);
        return (
          <List.Item
            data-testid="notice-item"
            actions={[
              ...(policyLink
                ? [
                    <Link key="policy" to={policyLink}>
                      {t('notice.readPolicy')}
                    </Link>,
                  ]
                : []),
              notice.readAt ? (
                <Tag key="read">{t('notice.read')}</Tag>
              ) : (
                <Button key="read" size="small" onClick={() => markRead.mutate(notice.id)}>
                  {policyLink ? t('notice.acknowledge') : t('notice.markRead')}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta title={title} description={body} />
          </List.Item>
        );
      }}
    />
  );
}
