import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { useForgetAccount } from '../account/use-sign-out';
import { setCsrfToken } from '../api/csrf';
import { queryKeys } from '../api/query-keys';
import { endSession, useSessions, type Session } from '../api/sessions';
import { PageHeading } from '../components/PageHeading';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages.zh-CN';
import { placeText } from '../i18n/place-text';

const knownDeviceTypes = new Set(['desktop', 'mobile', 'tablet']);

/** This device first, then the most recently active: the ones a person recognises come first. */
function byRelevance(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

export default function SessionsPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const forget = useForgetAccount();
  const sessions = useSessions();
  const [ending, setEnding] = useState<string | null>(null);

  const end = async (session: Session) => {
    setEnding(session.id);
    try {
      await endSession(session.id);
      message.success(t('sessions.ended'));
      if (session.current) {
        // ending this device's own session is a sign-out
        setCsrfToken(null);
        await navigate('/sign-in', { replace: true, flushSync: true });
        forget();
        return;
      }
      queryClient.setQueryData<{ sessions: Session[] }>(queryKeys.sessions, (answer) =>
        answer ? { sessions: answer.sessions.filter((entry) => entry.id !== session.id) } : answer,
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setEnding(null);
    }
  };

  const deviceLabel = (session: Session) =>
    knownDeviceTypes.has(session.deviceType) ? t(`deviceType.${session.deviceType}` as MessageKey) : session.deviceType;

  const columns: TableColumnsType<Session> = [
    {
      key: 'device',
      title: t('sessions.device'),
      render: (_, session) => (
        <Space orientation="vertical" size={2}>
          <Space size={6} wrap>
            <Typography.Text strong>
              {session.browser || t('common.unknown')} · {session.os || t('common.unknown')}
            </Typography.Text>
            {session.current && (
              <Tag color="green" data-testid="session-current">
                {t('sessions.current')}
              </Tag>
            )}
          </Space>
          {session.deviceType && <Typography.Text type="secondary">{deviceLabel(session)}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'place', title: t('sessions.place'), dataIndex: 'place', render: (place: string) => placeText(place, t) },
    { key: 'ip', title: t('sessions.ip'), dataIndex: 'ipMasked' },
    { key: 'createdAt', title: t('sessions.createdAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso) },
    { key: 'lastSeenAt', title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: (iso: string) => formatDateTime(iso) },
    {
      key: 'expiresAt',
      title: t('sessions.expiresAt'),
      render: (_, session) => (
        <Space orientation="vertical" size={2}>
          <span>{session.expiresAt ? formatDateTime(session.expiresAt) : t('sessions.untilBrowserCloses')}</span>
          {session.persistent && <Tag>{t('sessions.persistent')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: '',
      align: 'right',
      render: (_, session) => {
        const button = (
          <Button danger size="small" loading={ending === session.id} data-testid="session-end" onClick={session.current ? undefined : () => void end(session)}>
            {t('sessions.end')}
          </Button>
        );
        // only this device's session asks first: ending it signs the person out
        return session.current ? (
          <Popconfirm title={t('sessions.endCurrentConfirm')} onConfirm={() => end(session)} okButtonProps={{ danger: true }}>
            {button}
          </Popconfirm>
        ) : (
          button
        );
      },
    },
  ];

  return (
    <Card>
      <PageHeading title={t('sessions.title')} subtitle={t('sessions.subtitle')} />
      {sessions.isError ? (
        <QueryFailure error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table<Session>
          rowKey="id"
          loading={sessions.isPending}
          dataSource={byRelevance(sessions.data ?? [])}
          columns={columns}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('sessions.empty') }}
          onRow={(session) => ({ 'data-testid': 'session-row', 'data-session-id': session.id }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}
