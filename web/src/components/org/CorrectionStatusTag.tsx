import { Tag } from 'antd';
import type { CorrectionStatus } from '../../api/corrections';
import { useI18n } from '../../i18n/context';

const colours: Record<CorrectionStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

export function CorrectionStatusTag({ status }: { status: CorrectionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={colours[status]} data-testid="correction-status" data-status={status}>
      {t(`correctionStatus.${status}`)}
    </Tag>
  );
}
