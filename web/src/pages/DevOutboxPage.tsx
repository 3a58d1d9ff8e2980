import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { isApiError } from '../api/api-error';
import { useDevOutbox, type OutboxMessage } from '../api/dev-outbox';
import { PageHeading } from '../components/PageHeading';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';

export default function DevOutboxPage() {
  const { t, formatDateTime } = useI18n();
  const outbox = useDevOutbox();

  // a production server answers 404 here on purpose
  if (isApiError(outbox.error) && outbox.error.status === 404) return <Result status="info" title={t('outbox.unavailable')} />;

  const columns: TableColumnsType<OutboxMessage> = [
    { key: 'time', title: t('outbox.time'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso), width: 180 },
    {
      key: 'channel',
      title: t('outbox.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (channel: OutboxMessage['channel']) => <Tag color={channel === 'sms' ? 'purple' : 'blue'}>{t(`channel.${channel}`)}</Tag>,
    },
    { key: 'recipient', title: t('outbox.recipient'), dataIndex: 'recipient', width: 240 },
    {
      key: 'code',
      title: t('outbox.code'),
      dataIndex: 'code',
      width: 120,
      render: (code: string | null) =>
        code ? (
          <Typography.Text copyable strong style={{ fontFamily: 'monospace', fontSize: 16 }} data-testid="outbox-code">
            {code}
          </Typography.Text>
        ) : null,
    },
    {
      key: 'text',
      title: t('outbox.text'),
      render: (_, message) => (
        <>
          {message.subject && <Typography.Text strong>{message.subject}</Typography.Text>}
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-line', marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true }}>
            {message.text}
          </Typography.Paragraph>
        </>
      ),
    },
  ];

  return (
    <Card>
      <PageHeading
        title={t('outbox.title')}
        subtitle={t('outbox.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} loading={outbox.isFetching} onClick={() => void outbox.refetch()} data-testid="outbox-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      {outbox.isError ? (
        <QueryFailure error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : (
        <Table<OutboxMessage>
          rowKey="id"
          size="middle"
          loading={outbox.isPending}
          dataSource={outbox.data ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('outbox.empty') }}
          onRow={(message) => ({ 'data-testid': 'outbox-row', 'data-message-id': message.id }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}
