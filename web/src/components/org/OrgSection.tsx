import { ApartmentOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Result, Tabs, Typography } from 'antd';
import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { isAdminRole, useOrganisation, type Organisation } from '../../api/organisations';
import { useConversations } from '../../api/chat';
import { useRealtime } from '../../chat/use-realtime';
import { useI18n } from '../../i18n/context';
import { OrgContext } from '../../org/org-context';
import { rememberOrg } from '../../org/remembered-org';
import { PageLoading } from '../PageLoading';
import { QueryFailure } from '../QueryFailure';
import { RoleTag } from './RoleTag';

/** The first path segment after /org/:orgId names the tab, so deeper admin pages keep "Admin console" lit. */
function tabOf(pathname: string): string {
  return /^\/org\/[^/]+\/([^/]+)/.exec(pathname)?.[1] ?? 'directory';
}

/** The tab of the messages page, with the number of unread messages in chats that are not muted. */
function MessagesTab({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const conversations = useConversations(org.id);
  const unread = (conversations.data ?? []).reduce((sum, conversation) => sum + (conversation.muted ? 0 : conversation.unread), 0);
  return (
    <Badge count={unread} size="small" offset={[8, -2]} data-testid="org-tab-chat-unread">
      {t('org.tab.chat')}
    </Badge>
  );
}

/** The frame of every page about one organisation: its name, the tabs, and the organisation for the pages inside. */
export function OrgSection() {
  const { t } = useI18n();
  const { orgId = '' } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const org = useOrganisation(orgId);
  // one realtime connection for every page of the organisation: messages and unread counts arrive wherever the person is
  useRealtime(org.data);

  useEffect(() => {
    if (org.data) rememberOrg(org.data.id);
  }, [org.data]);

  if (org.isPending) return <PageLoading />;
  if (org.isError) {
    // the server answers alike for an organisation that does not exist and one the person is not in
    if (isApiError(org.error, 'org_not_found') || isApiError(org.error, 'invalid_request')) {
      return (
        <Result
          status="404"
          title={t('org.notFound')}
          subTitle={t('org.notFoundHint')}
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              {t('common.backHome')}
            </Button>
          }
        />
      );
    }
    return <QueryFailure error={org.error} onRetry={() => void org.refetch()} />;
  }

  const base = `/org/${encodeURIComponent(org.data.id)}`;
  const items = [
    { key: 'chat', label: <MessagesTab org={org.data} /> },
    { key: 'directory', label: t('org.tab.directory') },
    { key: 'chart', label: t('org.tab.chart') },
    { key: 'me', label: t('org.tab.me') },
    ...(isAdminRole(org.data.myRole) ? [{ key: 'admin', label: t('org.tab.admin') }] : []),
  ];

  return (
    <OrgContext.Provider value={org.data}>
      <Flex align="center" gap={10} style={{ marginBottom: 4 }}>
        <ApartmentOutlined style={{ fontSize: 20, color: '#1f5fbf' }} />
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-title">
          {org.data.name}
        </Typography.Title>
        <RoleTag role={org.data.myRole} />
      </Flex>
      <Tabs
        activeKey={tabOf(pathname)}
        onChange={(key) => navigate(`${base}/${key}`)}
        items={items.map((item) => ({ ...item, label: <span data-testid={`org-tab-${item.key}`}>{item.label}</span> }))}
        style={{ marginBottom: 8 }}
      />
      <Outlet />
    </OrgContext.Provider>
  );
}
