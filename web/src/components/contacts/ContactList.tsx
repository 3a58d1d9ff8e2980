import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Popconfirm, type ButtonProps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { openContactChat, removeContact, type Contact } from '../../api/contacts';
import { queryKeys } from '../../api/query-keys';
import { storeConversation } from '../../chat/chat-cache';
import { rememberConversation } from '../../chat/conversation-index';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { MemberAvatar } from '../org/MemberAvatar';
import { contactChatPath } from '../../chat/chat-space';
import { useContactChange } from './use-contact-change';

/** My contacts: a direct chat with each, and removing them (for both of us). */
export function ContactList({ contacts, spaceId }: { contacts: Contact[]; spaceId: string | null }) {
  const { t, formatDate } = useI18n();
  const { message: toast } = App.useApp();
  const navigate = useNavigate();

  const chat = useMutation({
    mutationFn: (contact: Contact) => openContactChat(contact.id),
    onSuccess: async ({ spaceId: space, conversation }) => {
      rememberConversation(conversation.id, space);
      storeConversation(space, conversation);
      await navigate(contactChatPath(conversation.id));
    },
    onError: (error) => toast.error(errorText(error, t)),
  });

  // removing also closes our direct chat, which the contacts space lists
  const remove = useContactChange(removeContact, 'contacts.list.removed', spaceId ? queryKeys.organisation(spaceId) : undefined);

  return (
    <Card title={t('contacts.list.title')} data-testid="contacts-list">
      {contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.list.none')} data-testid="contacts-list-empty" />
      ) : (
        <List
          dataSource={contacts}
          rowKey="id"
          renderItem={(contact) => (
            <List.Item
              data-testid="contact"
              data-contact-id={contact.id}
              actions={[
                <Button
                  key="message"
                  type="primary"
                  icon={<MessageOutlined />}
                  loading={chat.isPending && chat.variables.id === contact.id}
                  onClick={() => chat.mutate(contact)}
                  data-testid="contact-message"
                >
                  {t('contacts.list.message')}
                </Button>,
                <Popconfirm
                  key="remove"
                  title={t('contacts.list.removeConfirm', { name: contact.name })}
                  description={<div style={{ maxWidth: 320 }}>{t('contacts.list.removeHint')}</div>}
                  okText={t('contacts.list.remove')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'contact-remove-confirm' } as ButtonProps}
                  onConfirm={() => remove.mutate(contact)}
                >
                  <Button danger loading={remove.isPending && remove.variables.id === contact.id} data-testid="contact-remove">
                    {t('contacts.list.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                avatar={<MemberAvatar member={{ name: contact.name, avatarUrl: null }} size={40} />}
                title={<span data-testid="contact-name">{contact.name}</span>}
                description={t('contacts.list.since', { date: formatDate(contact.since) })}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
