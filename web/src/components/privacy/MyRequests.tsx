import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Divider, Empty, Flex, Skeleton, Typography } from 'antd';
import { Fragment } from 'react';
import { useMyRequests, withdrawRequest } from '../../api/privacy-requests';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { QueryFailure } from '../QueryFailure';
import { NewRequestForm } from './NewRequestForm';
import { RequestItem } from './RequestItem';

/**
 * "My requests" (P8.3, P10.1): ask about my personal information with a fresh code, and follow
 * each request: its status, the 15-day clock, the answer, or the policy's reason for a refusal.
 */
export function MyRequests() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const requests = useMyRequests();
  const withdraw = useMutation({
    mutationFn: withdrawRequest,
    onSuccess: async () => {
      message.success(t('requests.withdrawn'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.myRequests });
    },
    onError: async (error) => {
      message.error(errorText(error, t));
      // decided or withdrawn elsewhere meanwhile: show what it is now
      await queryClient.invalidateQueries({ queryKey: queryKeys.myRequests });
    },
  });

  return (
    <Card title={t('requests.title')} id="requests" data-testid="privacy-requests" style={{ scrollMarginTop: 80 }}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('requests.intro')}</Typography.Text>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('requests.new')}
        </Typography.Title>
        <NewRequestForm />
        <Divider style={{ margin: '8px 0' }} />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('requests.history')}
        </Typography.Title>
        {requests.isError ? (
          <QueryFailure error={requests.error} onRetry={() => void requests.refetch()} />
        ) : requests.isPending ? (
          <Skeleton active />
        ) : requests.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.none')} />
        ) : (
          <Flex vertical gap={12} data-testid="request-list">
            {requests.data.map((request, index) => (
              <Fragment key={request.id}>
                {index > 0 && <Divider style={{ margin: 0 }} />}
                <RequestItem
                  request={request}
                  withdrawing={withdraw.isPending && withdraw.variables === request.id}
                  onWithdraw={() => withdraw.mutateAsync(request.id)}
                />
              </Fragment>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
