import { Button, Flex, Popconfirm, Typography, type ButtonProps } from 'antd';
import type { PrivacyRequest } from '../../api/privacy-requests';
import { useI18n } from '../../i18n/context';
import { requestKindLabel } from '../../privacy/request-labels';
import { RepeatedRequestTag } from './RepeatedRequestTag';
import { RequestClock } from './RequestClock';
import { RequestOutcome } from './RequestOutcome';
import { RequestStatusTag } from './RequestStatusTag';

interface Props {
  request: PrivacyRequest;
  withdrawing: boolean;
  onWithdraw(): Promise<unknown>;
}

/** One of my requests: what I asked, its status and clock while open, and its outcome once decided. */
export function RequestItem({ request, withdrawing, onWithdraw }: Props) {
  const { t, formatDateTime } = useI18n();
  const open = request.status === 'open';

  return (
    <Flex vertical gap={8} data-testid="request-item" data-request-id={request.id} data-status={request.status} data-kind={request.kind}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <Flex vertical gap={4}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{requestKindLabel(request.kind, t)}</Typography.Text>
            <RequestStatusTag status={request.status} />
            {request.repeated && <RepeatedRequestTag />}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('requests.submittedAt', { time: formatDateTime(request.createdAt) })}
            {request.closedAt && ` · ${t('requests.closedAt', { time: formatDateTime(request.closedAt) })}`}
          </Typography.Text>
        </Flex>
        {open && (
          <Popconfirm
            title={t('requests.withdrawConfirm')}
            okText={t('requests.withdraw')}
            okButtonProps={{ danger: true, 'data-testid': 'request-withdraw-confirm' } as ButtonProps}
            cancelText={t('common.cancel')}
            onConfirm={() => onWithdraw().catch(() => undefined)}
          >
            <Button size="small" danger loading={withdrawing} data-testid="request-withdraw">
              {t('requests.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {open && <RequestClock dueAt={request.dueAt} />}
      {request.details && (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="request-details-text">
          {request.details}
        </Typography.Paragraph>
      )}
      <RequestOutcome request={request} />
    </Flex>
  );
}
