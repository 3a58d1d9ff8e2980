import { Select, Space } from 'antd';
import { useMemo } from 'react';
import { daysInMonth, earliestBirthYear, possibleParts, todayUtc, type BirthDateParts } from '../account/birth-date';
import { useI18n } from '../i18n/context';

interface Props {
  /** set by Form.Item, so that the label points at the first select */
  id?: string;
  value?: BirthDateParts;
  onChange?(value: BirthDateParts): void;
  /** prefix of the test ids: `${testId}-year`, `-month`, `-day` */
  testId?: string;
}

/** A leap year, so that 29 February can be picked before the year is. */
const anyLeapYear = 2000;

/**
 * Year, month and day as three searchable selects rather than a calendar: a birth date lies years
 * back, which a calendar makes a long way to click, and typing "2016" into a select gets there at
 * once. Days ahead of today cannot be picked.
 */
export function BirthDateInput({ id, value = {}, onChange, testId = 'birth-date' }: Props) {
  const { t, locale } = useI18n();
  const today = todayUtc();

  const labels = useMemo(() => {
    const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    return { year: format({ year: 'numeric' }), month: format({ month: 'short' }), day: format({ day: 'numeric' }) };
  }, [locale]);

  const years = useMemo(
    () =>
      Array.from({ length: today.year - earliestBirthYear + 1 }, (_, index) => {
        const year = today.year - index;
        return { value: year, label: labels.year.format(Date.UTC(year, 0, 1)) };
      }),
    [today.year, labels],
  );
  const months = Array.from({ length: 12 }, (_, index) => ({
    value: index + 1,
    label: labels.month.format(Date.UTC(anyLeapYear, index, 1)),
    disabled: value.year === today.year && index + 1 > today.month,
  }));
  const days = Array.from({ length: daysInMonth(value.year ?? anyLeapYear, value.month ?? 1) }, (_, index) => ({
    value: index + 1,
    label: labels.day.format(Date.UTC(anyLeapYear, 0, index + 1)),
    disabled: value.year === today.year && value.month === today.month && index + 1 > today.day,
  }));

  const change = (part: keyof BirthDateParts, next: number | undefined) => onChange?.(possibleParts({ ...value, [part]: next }));
  const common = { size: 'large', allowClear: true, showSearch: { optionFilterProp: 'label' }, style: { flex: 1, minWidth: 0 } } as const;

  return (
    <Space.Compact block>
      <Select<number>
        {...common}
        id={id}
        value={value.year}
        onChange={(next) => change('year', next)}
        options={years}
        placeholder={t('signIn.birthYear')}
        aria-label={t('signIn.birthYear')}
        data-testid={`${testId}-year`}
        style={{ ...common.style, flex: 1.3 }}
      />
      <Select<number>
        {...common}
        value={value.month}
        onChange={(next) => change('month', next)}
        options={months}
        placeholder={t('signIn.birthMonth')}
        aria-label={t('signIn.birthMonth')}
        data-testid={`${testId}-month`}
      />
      <Select<number>
        {...common}
        value={value.day}
        onChange={(next) => change('day', next)}
        options={days}
        placeholder={t('signIn.birthDay')}
        aria-label={t('signIn.birthDay')}
        data-testid={`${testId}-day`}
      />
    </Space.Compact>
  );
}
