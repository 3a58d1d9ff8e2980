import { MessageOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useContacts } from '../api/contacts';
import { AddContactForm } from '../components/contacts/AddContactForm';
import { ContactList } from '../components/contacts/ContactList';
import { ContactRequestList } from '../components/contacts/ContactRequestList';
import { PageHeading } from '../components/PageHeading';
import { QueryFailure } from '../components/QueryFailure';
import { contactChatPath } from '../chat/chat-space';
import { useI18n } from '../i18n/context';

/** Contacts outside any organisation (decision 0012): adding one, requests to answer, and the list. */
export default function ContactsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const overview = useContacts();

  return (
    <Flex vertical gap={16} style={{ maxWidth: 820, margin: '0 auto' }}>
      <PageHeading
        title={t('contacts.title')}
        subtitle={t('contacts.subtitle')}
        extra={
          overview.data?.spaceId && (
            <Button icon={<MessageOutlined />} onClick={() => navigate(contactChatPath())} data-testid="contacts-chats">
              {t('contacts.chats')}
            </Button>
          )
        }
      />
      <AddContactForm />
      {overview.isError ? (
        <QueryFailure error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <>
          <ContactRequestList requests={overview.data.incoming} />
          <ContactList contacts={overview.data.contacts} spaceId={overview.data.spaceId} />
        </>
      )}
    </Flex>
  );
}
