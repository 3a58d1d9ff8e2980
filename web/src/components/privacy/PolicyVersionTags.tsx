import { Tag } from 'antd';
import type { PolicyVersionSummary } from '../../api/policy';
import { useI18n } from '../../i18n/context';

/** In force or still ahead, and whether it is a material change that each person must accept. */
export function PolicyVersionTags({ version, current }: { version: PolicyVersionSummary; current: boolean }) {
  const { t, formatDay } = useI18n();
  return (
    <>
      {current && <Tag color="green">{t('policy.inForce')}</Tag>}
      {!version.inForce && <Tag color="blue">{t('policy.comesIntoForce', { date: formatDay(version.effectiveAt) })}</Tag>}
      {version.material && (
        <Tag color="orange" data-testid="policy-material">
          {t('policy.material')}
        </Tag>
      )}
    </>
  );
}
