import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { privacyRequestStatuses, type PrivacyRequestStatus } from '../../../../common/privacy-requests.ts';
import { useOperatorQueue, type PrivacyRequest } from '../../api/privacy-requests';
import { CompleteRequestModal } from '../../components/operator/CompleteRequestModal';
import { RefuseRequestModal } from '../../components/operator/RefuseRequestModal';
import { PageHeading } from '../../components/PageHeading';
import { RepeatedRequestTag } from '../../components/privacy/RepeatedRequestTag';
import { RequestClock } from '../../components/privacy/RequestClock';
import { RequestOutcome } from '../../components/privacy/RequestOutcome';
import { RequestStatusTag } from '../../components/privacy/RequestStatusTag';
import { QueryFailure } from '../../components/QueryFailure';
import { useI18n } from '../../i18n/context';
import { requestKindLabel } from '../../privacy/request-labels';

/**
 * The operator's queue of requests about personal data (P10.1): the most urgent first, each with
 * its 15-day clock and a flag when it repeats beyond the yearly limit; answer it, or refuse it for
 * one of the policy's reasons. Open to the operator's staff only: the server says so to anyone else.
 */
export default function RequestQueuePage() {
  const { t, formatDateTime } = useI18n();
  const [status, setStatus] = useState<PrivacyRequestStatus>('open');
  const [completing, setCompleting] = useState<PrivacyRequest | null>(null);
  const [refusing, setRefusing] = useState<PrivacyRequest | null>(null);
  const queue = useOperatorQueue(status);
  const open = status === 'open';

  const columns: TableColumnsType<PrivacyRequest> = [
    {
      key: 'request',
      title: t('operatorQueue.request'),
      width: 220,
      render: (_, request) => (
        <Flex vertical gap={4}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{requestKindLabel(request.kind, t)}</Typography.Text>
            {request.repeated && <RepeatedRequestTag />}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('operatorQueue.verifiedAt', { time: formatDateTime(request.verifiedAt) })}
          </Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: request.id }} style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {request.id.slice(0, 8)}
          </Typography.Text>
        </Flex>
      ),
    },
    open
      ? {
          key: 'clock',
          title: t('operatorQueue.clock'),
          width: 200,
          render: (_, request) => (
            <Flex vertical gap={4} align="start">
              <RequestClock dueAt={request.dueAt} compact />
              {request.escalatedAt && (
                <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="operator-escalated">
                  {t('operatorQueue.overdueEscalated', { time: formatDateTime(request.escalatedAt) })}
                </Typography.Text>
              )}
            </Flex>
          ),
        }
      : {
          key: 'outcome',
          title: t('operatorQueue.outcome'),
          width: 320,
          render: (_, request) => (
            <Flex vertical gap={6} align="start">
              <RequestStatusTag status={request.status} />
              <RequestOutcome request={request} />
            </Flex>
          ),
        },
    {
      key: 'details',
      title: t('operatorQueue.details'),
      render: (_, request) =>
        request.details ? (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>
            {request.details}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('operatorQueue.noDetails')}</Typography.Text>
        ),
    },
    ...(open
      ? [
          {
            key: 'actions',
            title: '',
            fixed: 'right' as const,
            width: 190,
            render: (_: unknown, request: PrivacyRequest) => (
              <Space size={4}>
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setCompleting(request)} data-testid="operator-complete">
                  {t('operatorQueue.complete')}
                </Button>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRefusing(request)} data-testid="operator-refuse">
                  {t('operatorQueue.refuse')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card>
      <PageHeading
        title={t('operatorQueue.title')}
        subtitle={t('operatorQueue.subtitle')}
        extra={
          <Segmented<PrivacyRequestStatus>
            value={status}
            onChange={setStatus}
            data-testid="operator-status-filter"
            options={privacyRequestStatuses.map((value) => ({ value, label: <span data-testid={`operator-status-${value}`}>{t(`requestStatus.${value}`)}</span> }))}
          />
        }
      />
      {queue.isError ? (
        <QueryFailure error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <Table<PrivacyRequest>
          rowKey="id"
          size="middle"
          loading={queue.isPending}
          // the server sends the most urgent first (by due date): kept as sent
          dataSource={queue.data ?? []}
          columns={columns}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: open ? t('operatorQueue.noneOpen') : t('operatorQueue.none') }}
          onRow={(request) => ({ 'data-testid': 'operator-request', 'data-request-id': request.id, 'data-status': request.status }) as HTMLAttributes<HTMLElement>}
        />
      )}
      <CompleteRequestModal request={completing} onClose={() => setCompleting(null)} />
      <RefuseRequestModal request={refusing} onClose={() => setRefusing(null)} />
    </Card>
  );
}
