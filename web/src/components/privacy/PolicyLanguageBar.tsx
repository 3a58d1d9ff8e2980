import { Flex, Segmented, Typography } from 'antd';
import { locales, type Locale } from '../../i18n/locales';
import { useI18n } from '../../i18n/context';

interface Props {
  language: Locale;
  onChange(language: Locale): void;
}

/**
 * Which language the policy is read in, independent of the interface language, with the rule
 * that settles any difference between the two texts (P12.1).
 */
export function PolicyLanguageBar({ language, onChange }: Props) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={12} wrap>
      <Segmented<Locale>
        size="small"
        value={language}
        onChange={onChange}
        options={locales.map((value) => ({ value, label: t(`locale.${value}`) }))}
        data-testid="policy-language"
      />
      <Typography.Text type="secondary" data-testid="policy-prevails">
        {t('policy.chinesePrevails')}
      </Typography.Text>
    </Flex>
  );
}
