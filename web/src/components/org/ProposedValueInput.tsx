import { Input } from 'antd';
import type { EmployerField, WorkStatus } from '../../../../common/org.ts';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { DepartmentSelect } from './DepartmentSelect';
import { MemberSelect } from './MemberSelect';
import { WorkStatusSelect } from './WorkStatusSelect';

interface Props {
  field: EmployerField;
  value?: string;
  onChange?(value: string): void;
}

/** The right control for a proposed value: departments, superiors and statuses are chosen, not typed. */
export function ProposedValueInput({ field, value, onChange }: Props) {
  const { t } = useI18n();
  const org = useOrg();
  const testId = 'correction-proposed-value';
  if (field === 'departmentId') return <DepartmentSelect orgId={org.id} value={value} onChange={(next) => onChange?.(next ?? '')} testId={testId} />;
  if (field === 'supervisorId') {
    return <MemberSelect orgId={org.id} value={value} excludedId={org.myMemberId} onChange={(next) => onChange?.(next ?? '')} testId={testId} />;
  }
  if (field === 'workStatus') return <WorkStatusSelect value={value as WorkStatus | undefined} onChange={(next) => onChange?.(next)} testId={testId} />;
  return (
    <Input
      value={value}
      onChange={(event) => onChange?.(event.target.value)}
      maxLength={254}
      inputMode={field === 'workPhone' ? 'tel' : field === 'workEmail' ? 'email' : undefined}
      placeholder={field === 'workPhone' ? '+8613812345678' : field === 'workEmail' ? 'name@company.com' : t('correction.proposedPlaceholder')}
      data-testid={testId}
    />
  );
}
