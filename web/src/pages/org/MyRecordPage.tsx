import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { EmployerField } from '../../../../common/org.ts';
import { useCorrections } from '../../api/corrections';
import { useDepartments, type Department } from '../../api/departments';
import { useMyMembership, type MyMembership } from '../../api/my-membership';
import { QueryFailure } from '../../components/QueryFailure';
import { CorrectionRequestModal } from '../../components/org/CorrectionRequestModal';
import { MemberAvatar } from '../../components/org/MemberAvatar';
import { MyCorrectionsTable } from '../../components/org/MyCorrectionsTable';
import { RoleTag } from '../../components/org/RoleTag';
import { WorkStatusTag } from '../../components/org/WorkStatusTag';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';
import { useFieldLabel } from '../../org/use-field-label';

/** The record's fields in the order a person reads their own card. */
const shownFields: EmployerField[] = ['name', 'workStatus', 'departmentId', 'supervisorId', 'position', 'workEmail', 'workPhone', 'workLocation'];

function valueOf(record: MyMembership, field: EmployerField, none: ReactNode, departments: Department[]): ReactNode {
  switch (field) {
    case 'name':
      return record.member.name;
    case 'workStatus':
      return <WorkStatusTag status={record.member.workStatus} />;
    case 'departmentId':
      return record.department ? departmentPath(departments, record.department.id) || record.department.name : none;
    case 'supervisorId':
      return record.supervisor?.name ?? none;
    case 'position':
      return record.member.position ?? none;
    case 'workEmail':
      return record.workEmail ?? none;
    case 'workPhone':
      return record.workPhone ?? none;
    case 'workLocation':
      return record.member.workLocation ?? none;
  }
}

/**
 * My record in this organisation (P8.1): everything it holds about me, in full, which fields the
 * employer manages, and a way to ask for a correction of each of those (P8.2).
 */
export default function MyRecordPage() {
  const { t, formatDateTime } = useI18n();
  const org = useOrg();
  const label = useFieldLabel();
  const record = useMyMembership(org.id);
  const departmentList = useDepartments(org.id).data ?? [];
  const corrections = useCorrections(org.id, 'mine', 'pending');
  const [correcting, setCorrecting] = useState<EmployerField | null>(null);

  if (record.isError) return <QueryFailure error={record.error} onRetry={() => void record.refetch()} />;
  if (record.isPending) {
    return (
      <Card>
        <Skeleton active avatar paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const data = record.data;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const managed = new Set<string>(data.employerManagedFields);
  const pending = new Set<string>((corrections.data ?? []).map((correction) => correction.field));
  const avatar = { name: data.member.name, avatarUrl: data.member.avatarUrl ?? data.account.avatarUrl };

  return (
    <Flex vertical gap={20}>
      <Card>
        <Flex align="center" gap={20} wrap style={{ marginBottom: 20 }}>
          <MemberAvatar member={avatar} size={80} />
          <div>
            <Space size={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {data.member.name}
              </Typography.Title>
              <RoleTag role={data.member.role} />
              <WorkStatusTag status={data.member.workStatus} />
            </Space>
            <div>
              <Typography.Text type="secondary">{[data.member.position, data.department?.name].filter(Boolean).join(' · ') || t('directory.noPosition')}</Typography.Text>
            </div>
            <Typography.Text type="secondary" data-testid="my-record-supplied-at">
              {data.suppliedAt ? t('myRecord.suppliedAt', { time: formatDateTime(data.suppliedAt) }) : t('myRecord.notSupplied')}
            </Typography.Text>
          </div>
        </Flex>
        <Typography.Paragraph type="secondary">{t('myRecord.explain')}</Typography.Paragraph>
        <Descriptions
          bordered
          column={1}
          size="middle"
          styles={{ label: { width: 150 } }}
          items={shownFields.map((field) => ({
            key: field,
            label: label(field),
            children: (
              <Flex justify="space-between" align="center" gap={12} wrap data-testid={`my-record-field-${field}`}>
                <span data-testid={`my-record-${field}`}>{valueOf(data, field, none, departmentList)}</span>
                <Space size={4} wrap>
                  {managed.has(field) && (
                    <Tag color="blue" data-testid="employer-managed">
                      {t('myRecord.employerManaged')}
                    </Tag>
                  )}
                  {pending.has(field) && <Tag color="orange">{t('myRecord.correctionPending')}</Tag>}
                  {managed.has(field) && (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      disabled={pending.has(field)}
                      onClick={() => setCorrecting(field)}
                      data-testid={`request-correction-${field}`}
                    >
                      {t('myRecord.requestCorrection')}
                    </Button>
                  )}
                </Space>
              </Flex>
            ),
          }))}
        />
      </Card>
      <Card title={t('myRecord.account')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('myRecord.accountExplain')} <Link to="/me">{t('myRecord.accountLink')}</Link>
        </Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          size="small"
          items={[
            { key: 'email', label: t('profile.email'), children: data.account.email ?? none },
            { key: 'phone', label: t('profile.phone'), children: data.account.phone ?? none },
          ]}
        />
      </Card>
      <Card title={t('myRecord.corrections')}>
        <MyCorrectionsTable />
      </Card>
      <CorrectionRequestModal field={correcting} currentValue={correcting ? valueOf(data, correcting, none, departmentList) : null} onClose={() => setCorrecting(null)} />
    </Flex>
  );
}
