import { Empty, Flex, Skeleton, Typography } from 'antd';
import type { Locale } from '../../i18n/locales';
import { usePolicyDiff, type DiffLine } from '../../api/policy';
import { useI18n } from '../../i18n/context';
import { diffRows, hasChanges, type DiffRow } from '../../privacy/diff-hunks';
import { QueryFailure } from '../QueryFailure';

interface Props {
  versionId: string;
  /** the version before it; null for the first version, which has nothing to compare with */
  previousId: string | null;
  language: Locale;
}

/** Added lines green, removed lines red, as everyone reads a change; the sign is there for those who cannot tell the colours apart. */
const looks = {
  added: { sign: '+', background: '#f6ffed', border: '#52c41a', color: '#135200' },
  removed: { sign: '−', background: '#fff1f0', border: '#ff4d4f', color: '#820014' },
  same: { sign: ' ', background: 'transparent', border: 'transparent', color: 'rgba(0, 0, 0, 0.65)' },
};

/** What changed in a version of the policy against the one before, line by line, in one language. */
export function PolicyDiff({ versionId, previousId, language }: Props) {
  const { t } = useI18n();
  const diff = usePolicyDiff(versionId, previousId, language);
  if (!previousId) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.firstVersion')} />;
  if (diff.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (diff.isError) return <QueryFailure error={diff.error} onRetry={() => void diff.refetch()} />;
  return <PolicyDiffLines lines={diff.data} language={language} />;
}

/** A line diff as a reader wants it: changes in context, long unchanged runs folded (also the editor's preview). */
export function PolicyDiffLines({ lines, language, testId = 'policy-diff' }: { lines: DiffLine[]; language: Locale; testId?: string }) {
  const { t } = useI18n();
  if (!hasChanges(lines)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.noTextChanges')} data-testid={`${testId}-none`} />;
  return (
    <Flex vertical gap={2} data-testid={testId} lang={language}>
      <Typography.Text type="secondary" style={{ marginBottom: 8 }}>
        {t('policy.diffLegend')}
      </Typography.Text>
      {diffRows(lines).map((row, index) => (
        <DiffRowView key={index} row={row} />
      ))}
    </Flex>
  );
}

function DiffRowView({ row }: { row: DiffRow }) {
  const { t } = useI18n();
  if (row.op === 'skipped') {
    return (
      <Typography.Text type="secondary" style={{ padding: '2px 12px', fontSize: 12 }}>
        ⋯ {t('policy.linesUnchanged', { count: row.count })}
      </Typography.Text>
    );
  }
  const look = looks[row.op];
  return (
    <div
      data-testid={`diff-${row.op}`}
      style={{
        display: 'flex',
        gap: 8,
        padding: '2px 12px 2px 8px',
        background: look.background,
        borderInlineStart: `3px solid ${look.border}`,
        color: look.color,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        lineHeight: 1.7,
      }}
    >
      <span aria-hidden style={{ width: 12, flex: 'none', fontFamily: 'monospace' }}>
        {look.sign}
      </span>
      <span>
        {row.op !== 'same' && <span className="visually-hidden">{t(row.op === 'added' ? 'policy.added' : 'policy.removed')}</span>}
        {row.text}
      </span>
    </div>
  );
}
