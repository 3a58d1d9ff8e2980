import { Tag } from 'antd';
import type { WorkStatus } from '../../../../common/org.ts';
import { useI18n } from '../../i18n/context';

const colours: Record<WorkStatus, string> = {
  working: 'green',
  remote: 'blue',
  business_trip: 'orange',
  on_leave: 'default',
};

export function WorkStatusTag({ status }: { status: WorkStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={colours[status]} data-testid="work-status">
      {t(`workStatus.${status}`)}
    </Tag>
  );
}
