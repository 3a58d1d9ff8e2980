import { ArrowLeftOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ChatSpaceContext } from '../chat/chat-space';
import { useContactsSpace } from '../chat/use-contacts-space';
import { useRealtime } from '../chat/use-realtime';
import { ChatWorkspace } from '../components/chat/ChatWorkspace';
import { PageLoading } from '../components/PageLoading';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';

/**
 * Chats between contacts (decision 0012): the messages page of the contacts space, which is no
 * organisation: no directory, no tabs; new chats are with my contacts.
 */
export default function ContactsChatPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { overview, conversations, space, loading } = useContactsSpace();
  // messages and unread counts arrive while the page is open, as on an organisation's pages
  useRealtime(space);

  const heading = (
    <Flex align="center" gap={10} style={{ marginBottom: 12 }}>
      <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/contacts')} aria-label={t('contacts.chat.back')} data-testid="contacts-chat-back" />
      <TeamOutlined style={{ fontSize: 20, color: '#1f5fbf' }} />
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="contacts-chat-title">
        {t('contacts.chats')}
      </Typography.Title>
    </Flex>
  );

  if (overview.isError) return <QueryFailure error={overview.error} onRetry={() => void overview.refetch()} />;
  if (conversations.isError) return <QueryFailure error={conversations.error} onRetry={() => void conversations.refetch()} />;
  if (loading) return <PageLoading />;
  if (!space) {
    return (
      <>
        {heading}
        <Card>
          <Empty description={t('contacts.chat.noSpace')} data-testid="contacts-chat-none">
            <Button type="primary" onClick={() => navigate('/contacts')}>
              {t('contacts.title')}
            </Button>
          </Empty>
        </Card>
      </>
    );
  }
  return (
    <ChatSpaceContext.Provider value={space}>
      {heading}
      <ChatWorkspace />
    </ChatSpaceContext.Provider>
  );
}
