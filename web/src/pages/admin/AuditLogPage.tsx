import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { auditCsvUrl, useAuditEvents, type AuditEvent } from '../../api/audit-events';
import { useDepartments } from '../../api/departments';
import { AuditDetail } from '../../components/admin/AuditDetail';
import { PageHeading } from '../../components/PageHeading';
import { QueryFailure } from '../../components/QueryFailure';
import { useI18n } from '../../i18n/context';
import { auditActionColours, isKnownAuditAction } from '../../org/audit-actions';
import { departmentPath } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';

/** Admin console › Audit log: who did what to whom, newest first, exportable as CSV. */
export default function AuditLogPage() {
  const { t, formatDateTime } = useI18n();
  const org = useOrg();
  const events = useAuditEvents(org.id);
  const departments = useDepartments(org.id);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  /** People come named by the server; departments and imports come as ids, named here where possible. */
  const target = (event: AuditEvent) => {
    if (event.targetName) return event.targetName;
    if (event.action.startsWith('department.') && event.targetId) return departmentPath(departments.data ?? [], event.targetId) || t('audit.removedDepartment');
    if (event.action.startsWith('import.')) return t('audit.importTarget');
    if (event.action.startsWith('settings.') || event.action === 'org.created') return org.name;
    return event.targetId ? none : '';
  };

  const columns: TableColumnsType<AuditEvent> = [
    { key: 'time', title: t('audit.time'), dataIndex: 'occurredAt', width: 180, render: (iso: string) => formatDateTime(iso) },
    { key: 'actor', title: t('audit.actor'), render: (_, event) => event.actorName ?? none },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, event) => (
        <Tag color={isKnownAuditAction(event.action) ? (auditActionColours[event.action] ?? 'default') : 'default'} data-testid="audit-action" data-action={event.action}>
          {isKnownAuditAction(event.action) ? t(`auditAction.${event.action}`) : event.action}
        </Tag>
      ),
    },
    { key: 'target', title: t('audit.target'), render: (_, event) => target(event) },
    { key: 'detail', title: t('audit.detail'), render: (_, event) => <AuditDetail detail={event.detail} /> },
  ];

  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Card>
      <PageHeading
        title={t('admin.nav.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={auditCsvUrl(org.id)} download data-testid="audit-export">
            {t('audit.export')}
          </Button>
        }
      />
      {events.isError ? (
        <QueryFailure error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            loading={events.isPending}
            dataSource={rows}
            columns={columns}
            scroll={{ x: 900 }}
            pagination={false}
            locale={{ emptyText: t('audit.empty') }}
            onRow={(event) => ({ 'data-testid': 'audit-row', 'data-action': event.action }) as HTMLAttributes<HTMLElement>}
          />
          {events.hasNextPage && (
            <Flex justify="center">
              <Button loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()} data-testid="audit-more">
                {t('audit.more')}
              </Button>
            </Flex>
          )}
        </Flex>
      )}
    </Card>
  );
}
