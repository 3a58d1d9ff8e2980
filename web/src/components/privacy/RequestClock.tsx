import { ClockCircleOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/context';
import { requestClock } from '../../privacy/request-clock';

const colours = { calm: 'blue', near: 'orange', overdue: 'red' } as const;

/** The 15-day clock of an open request: its due date, and days left or overdue. */
export function RequestClock({ dueAt, compact }: { dueAt: string; compact?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const clock = requestClock(dueAt, Date.now());
  const tag = (
    <Tag color={colours[clock.urgency]} icon={<ClockCircleOutlined />} data-testid="request-clock" data-urgency={clock.urgency} data-days={clock.days}>
      {clock.urgency === 'overdue' ? t('requests.overdue', { days: clock.days }) : t('requests.daysLeft', { days: clock.days })}
    </Tag>
  );
  return (
    <Flex vertical={compact} gap={compact ? 4 : 8} align={compact ? 'start' : 'center'} wrap>
      {tag}
      <Typography.Text type="secondary" style={{ fontSize: compact ? 12 : undefined }} data-testid="request-due" data-due-at={dueAt}>
        {t('requests.dueOn', { date: formatDateTime(dueAt) })}
      </Typography.Text>
    </Flex>
  );
}
