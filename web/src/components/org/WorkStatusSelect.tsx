import { Select } from 'antd';
import { workStatuses, type WorkStatus } from '../../../../common/org.ts';
import { useI18n } from '../../i18n/context';

/** value/onChange come from the Form.Item around it. */
export function WorkStatusSelect(props: { value?: WorkStatus; onChange?(status: WorkStatus): void; allowClear?: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <Select<WorkStatus>
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      placeholder={t('field.workStatus')}
      options={workStatuses.map((status) => ({ value: status, label: t(`workStatus.${status}`) }))}
      data-testid={props.testId}
    />
  );
}
