import { Button, Card, Empty, List, Popconfirm, Space, Typography, type ButtonProps } from 'antd';
import { acceptContactRequest, declineContactRequest, type IncomingContactRequest } from '../../api/contacts';
import { useI18n } from '../../i18n/context';
import { MemberAvatar } from '../org/MemberAvatar';
import { useContactChange } from './use-contact-change';

/** Requests other people sent me: who (name and masked number or address) and when, and my answer. */
export function ContactRequestList({ requests }: { requests: IncomingContactRequest[] }) {
  const { t, formatDateTime } = useI18n();
  const accept = useContactChange(acceptContactRequest, 'contacts.requests.accepted');
  const decline = useContactChange(declineContactRequest, 'contacts.requests.declined');

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
