import { Typography } from 'antd';
import { workStatuses, type EmployerField, type WorkStatus } from '../../../../common/org.ts';
import { useDepartments } from '../../api/departments';
import { useMembers } from '../../api/members';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';

/**
 * A value of a member-record field as a person reads it: departments and superiors travel as
 * ids and are shown by name, work statuses in words. A department or person since removed
 * shows as such rather than as an id.
 */
export function EmployerFieldValue({ field, value }: { field: EmployerField; value: string | null }) {
  const { t } = useI18n();
  const org = useOrg();
  const departments = useDepartments(org.id);
  const members = useMembers(org.id);
  if (value === null || value === '') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (field === 'departmentId') return <>{departmentPath(departments.data ?? [], value) || t('common.removed')}</>;
  if (field === 'supervisorId') return <>{members.data?.find((member) => member.id === value)?.name ?? t('common.removed')}</>;
  if (field === 'workStatus' && (workStatuses as readonly string[]).includes(value)) return <>{t(`workStatus.${value as WorkStatus}`)}</>;
  return <>{value}</>;
}
