import { App, Button, Card, Empty, List, Popconfirm, Space, Typography, type ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { acceptContactRequest, declineContactRequest, type IncomingContactRequest } from '../../api/contacts';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { MemberAvatar } from '../org/MemberAvatar';

/** Requests other people sent me: who (name and masked number or address) and when, and my answer. */
export function ContactRequestList({ requests }: { requests: IncomingContactRequest[] }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settled = () => queryClient.invalidateQueries({ queryKey: queryKeys.contacts });

  const accept = useMutation({
    mutationFn: (request: IncomingContactRequest) => acceptContactRequest(request.id),
    onSuccess: async (_, request) => {
      message.success(t('contacts.requests.accepted', { name: request.name }));
      await settled();
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const decline = useMutation({
    mutationFn: (request: IncomingContactRequest) => declineContactRequest(request.id),
    onSuccess: async (_, request) => {
      message.success(t('contacts.requests.declined', { name: request.name }));
      await settled();
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  return (
    <Card title={t('contacts.requests.title')} data-testid="contacts-requests">
      {requests.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.requests.none')} data-testid="contacts-requests-empty" />
      ) : (
        <List
          dataSource={requests}
          rowKey="id"
          renderItem={(request) => {
            const busy = (accept.isPending && accept.variables.id === request.id) || (decline.isPending && decline.variables.id === request.id);
            return (
              <List.Item
                data-testid="contact-request"
                data-request-id={request.id}
                actions={[
                  <Popconfirm
                    key="decline"
                    title={t('contacts.requests.declineConfirm', { name: request.name })}
                    okText={t('contacts.requests.decline')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'contact-request-decline-confirm' } as ButtonProps}
                    onConfirm={() => decline.mutate(request)}
                  >
                    <Button disabled={busy} loading={decline.isPending && decline.variables.id === request.id} data-testid="contact-request-decline">
                      {t('contacts.requests.decline')}
                    </Button>
                  </Popconfirm>,
                  <Button
                    key="accept"
                    type="primary"
                    disabled={busy}
                    loading={accept.isPending && accept.variables.id === request.id}
                    onClick={() => accept.mutate(request)}
                    data-testid="contact-request-accept"
                  >
                    {t('contacts.requests.accept')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  avatar={<MemberAvatar member={{ name: request.name, avatarUrl: null }} size={40} />}
                  title={<span data-testid="contact-request-name">{request.name}</span>}
                  description={
                    <Space size={12} wrap>
                      <span data-testid="contact-request-hint">{request.hint}</span>
                      <Typography.Text type="secondary">{t('contacts.requests.sentAt', { time: formatDateTime(request.sentAt) })}</Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
