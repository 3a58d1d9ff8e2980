import { Tag } from 'antd';
import type { PrivacyRequestStatus } from '../../../../common/privacy-requests.ts';
import { useI18n } from '../../i18n/context';

const colours: Record<PrivacyRequestStatus, string> = { open: 'processing', completed: 'success', refused: 'error', withdrawn: 'default' };

export function RequestStatusTag({ status }: { status: PrivacyRequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={colours[status] ?? 'default'} data-testid="request-status">
      {t(`requestStatus.${status}`)}
    </Tag>
  );
}
