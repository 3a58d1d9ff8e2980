import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../i18n/context';

/** Marks a request of a kind asked more often within a year than the limit: the person and the operator both see it. */
export function RepeatedRequestTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('requests.repeatedHint')}>
      <Tag color="gold" data-testid="request-repeated">
        {t('requests.repeated')}
      </Tag>
    </Tooltip>
  );
}
