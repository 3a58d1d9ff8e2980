import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { isKnownEventType, useSecurityEvents, type SecurityEvent } from '../api/security-events';
import { PageHeading } from '../components/PageHeading';
import { QueryFailure } from '../components/QueryFailure';
import { useI18n } from '../i18n/context';
import { placeText } from '../i18n/place-text';

/** Colours say at a glance which entries deserve a second look. */
const eventColours: Record<string, string> = {
  'sign_in.failed': 'red',
  'device.new': 'orange',
  'sign_in.succeeded': 'green',
  'session.ended': 'default',
  'profile.changed': 'blue',
  'account.cancellation_requested': 'volcano',
  'account.restored': 'green',
};

export default function SecurityLogPage() {
  const { t, formatDateTime } = useI18n();
  const events = useSecurityEvents();
  const unknown = <Typography.Text type="secondary">{t('common.unknown')}</Typography.Text>;

  const columns: TableColumnsType<SecurityEvent> = [
    { key: 'time', title: t('security.time'), dataIndex: 'occurredAt', render: (iso: string) => formatDateTime(iso), width: 190 },
    {
      key: 'type',
      title: t('security.event'),
      dataIndex: 'type',
      render: (type: string) => (
        <Tag color={eventColours[type] ?? 'default'}>{isKnownEventType(type) ? t(`securityEvent.${type}`) : type}</Tag>
      ),
    },
    {
      key: 'device',
      title: t('security.device'),
      render: (_, event) => (event.browser || event.os ? [event.browser, event.os].filter(Boolean).join(' · ') : unknown),
    },
    { key: 'place', title: t('security.place'), dataIndex: 'place', render: (place: string) => placeText(place, t) },
    { key: 'ip', title: t('security.ip'), dataIndex: 'ipMasked' },
    { key: 'timeZone', title: t('security.timeZone'), dataIndex: 'timeZone', render: (zone: string) => zone || unknown },
    { key: 'language', title: t('security.language'), dataIndex: 'language', render: (language: string) => language || unknown },
  ];

  return (
    <Card>
      <PageHeading title={t('security.title')} subtitle={t('security.subtitle')} />
      {events.isError ? (
        <QueryFailure error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Table<SecurityEvent>
          rowKey="id"
          size="middle"
          loading={events.isPending}
          dataSource={events.data ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('security.empty') }}
          onRow={() => ({ 'data-testid': 'security-event-row' }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}
