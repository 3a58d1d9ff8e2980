import { CloudDownloadOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useDataExport, type DataExport } from '../../api/data-exports';
import type { FreshCodeProof } from '../../api/fresh-code';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { useNow } from '../../platform/use-now';
import { FreshCodeForm } from './FreshCodeForm';

interface Props {
  /** prefix of the test ids: `${testId}-progress`, `-done`, `-link`, `-expires`, and the code form's */
  testId: string;
  /** the latest downloads of this person's data I asked for: one under way is shown after a reload */
  latest: UseQueryResult<DataExport[]>;
  request(proof: FreshCodeProof): Promise<DataExport>;
  /** whose data the file holds, said when it is ready */
  keepSafeHint: string;
}

/**
 * Asking for a download of someone's data and getting it (shared by "Download my data" and a
 * guardian's download of a child's): a fresh code, then the server prepares the ZIP while this
 * shows how far it has got, then a plain link to it with the time it stops working.
 */
export function DataExportBlock({ testId, latest, request, keepSafeHint }: Props) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<string | null>(null);
  // each code is used up by one request, so every request starts a fresh form
  const [round, setRound] = useState(0);
  const shownId = asked ?? latest.data?.find((candidate) => candidate.status !== 'expired')?.id ?? null;
  const current = useDataExport(shownId);
  const ask = useMutation({
    mutationFn: request,
    onSuccess: (started) => {
      queryClient.setQueryData(queryKeys.dataExport(started.id), { export: started });
      setAsked(started.id);
      setRound((previous) => previous + 1);
    },
  });

  const shown = current.data;
  // the link stops working at its expiry even with the page left open
  const now = useNow(shown?.status === 'ready');
  const status = shown?.status === 'ready' && shown.expiresAt && Date.parse(shown.expiresAt) < now ? 'expired' : shown?.status;
  const underWay = status === 'pending' || status === 'running';

  return (
    <Flex vertical gap={12}>
      {shown && underWay && (
        <Flex vertical gap={4} data-testid={`${testId}-progress`} data-status={status}>
          <Typography.Text>
            <CloudDownloadOutlined /> {t('dataExport.preparing')}
          </Typography.Text>
          <Progress
            percent={shown.progress.tablesTotal ? Math.floor((shown.progress.tablesDone / shown.progress.tablesTotal) * 100) : 0}
            status="active"
            format={() => t('dataExport.tables', { done: shown.progress.tablesDone, total: shown.progress.tablesTotal })}
          />
        </Flex>
      )}
      {shown && status === 'ready' && shown.downloadUrl && (
        <Alert
          type="success"
          showIcon
          data-testid={`${testId}-done`}
          title={t('dataExport.ready')}
          description={
            <Flex vertical gap={4}>
              <Typography.Text data-testid={`${testId}-expires`}>{t('dataExport.expiresAt', { time: formatDateTime(shown.expiresAt) })}</Typography.Text>
              <Typography.Text type="secondary">{keepSafeHint}</Typography.Text>
            </Flex>
          }
          action={
            <Button type="primary" icon={<DownloadOutlined />} href={shown.downloadUrl} download data-testid={`${testId}-link`}>
              {t('myData.download')}
            </Button>
          }
        />
      )}
      {shown && status === 'failed' && <Alert type="error" showIcon title={t('dataExport.failed')} data-testid={`${testId}-failed`} />}
      {shown && status === 'expired' && <Alert type="info" showIcon title={t('dataExport.expired')} data-testid={`${testId}-expired`} />}
      {!underWay && (
        <FreshCodeForm
          key={round}
          testId={testId}
          actionLabel={t('dataExport.prepare')}
          actionIcon={<CloudDownloadOutlined />}
          pending={ask.isPending}
          failure={ask.error}
          onAction={(proof) => ask.mutate(proof)}
          onNewChallenge={() => ask.reset()}
        />
      )}
    </Flex>
  );
}
