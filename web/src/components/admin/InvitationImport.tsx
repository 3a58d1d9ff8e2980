import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Progress, Table, Typography, Upload } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { startInvitationImport, useInvitationImport, type InvitationImport as ImportRun } from '../../api/invitation-imports';
import { useAttestationText } from '../../api/organisations';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';
import { QueryFailure } from '../QueryFailure';
import { AttestationCheckbox } from './AttestationCheckbox';
import { ImportTemplateLink } from './ImportTemplateLink';

type Problem = ImportRun['problems'][number];

/** The server's limit; checked here too so a too-large file is refused before it is sent. */
const maxBytes = 5 * 1024 * 1024;

const progressStatus = (run: ImportRun) => (run.status === 'running' ? 'active' : run.status === 'finished' ? 'success' : 'exception');

/**
 * Bulk invitation from a CSV file: tick the attestation, upload, watch the progress, then read
 * which lines were not invited and why. Re-running a corrected file invites nobody twice.
 */
export function InvitationImport() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const org = useOrg();
  const queryClient = useQueryClient();
  const [attested, setAttested] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const attestation = useAttestationText();
  const start = useOrgChange(org.id, (file: File) => startInvitationImport(org.id, file, attestation.data?.version ?? ''));
  const run = useInvitationImport(org.id, importId);
  const status = run.data?.status;

  useEffect(() => {
    // the invitations it created belong in the list below once it is done
    if (status && status !== 'running') void queryClient.invalidateQueries({ queryKey: queryKeys.orgInvitations(org.id) });
  }, [status, org.id, queryClient]);

  const percent = run.data && run.data.total ? Math.round((run.data.processed / run.data.total) * 100) : 0;

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('import.explain')} <ImportTemplateLink />
      </Typography.Paragraph>
      <AttestationCheckbox checked={attested} onChange={setAttested} testId="import-attestation" />
      <div>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          disabled={!attested || start.isPending}
          beforeUpload={(file) => {
            if (file.size > maxBytes) {
              message.error(t('import.tooLarge'));
              return false;
            }
            start.mutate(file, {
              onSuccess: (started) => {
                setImportId(started.id);
                setAttested(false);
              },
            });
            // the file goes up as the request body, not in the multipart POST Upload would send
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} disabled={!attested} loading={start.isPending} data-testid="import-upload">
            {t('import.upload')}
          </Button>
        </Upload>
      </div>
      {run.isError && <QueryFailure error={run.error} onRetry={() => void run.refetch()} />}
      {run.data && (
        <Flex vertical gap={12} data-testid="import-result" data-status={run.data.status}>
          <Progress percent={percent} status={progressStatus(run.data)} data-testid="import-progress" />
          {run.data.status === 'running' ? (
            <Typography.Text type="secondary">{t('import.running', { processed: run.data.processed, total: run.data.total })}</Typography.Text>
          ) : (
            <>
              {run.data.status !== 'finished' && <Alert type="error" showIcon title={t(`import.status.${run.data.status}`)} />}
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 4 }}
                items={[
                  { key: 'total', label: t('import.total'), children: run.data.total },
                  { key: 'invited', label: t('import.invited'), children: <span data-testid="import-invited">{run.data.invited}</span> },
                  { key: 'skipped', label: t('import.skipped'), children: run.data.skipped },
                  { key: 'failed', label: t('import.failed'), children: <span data-testid="import-failed">{run.data.failed}</span> },
                ]}
              />
              {run.data.problems.length > 0 && (
                <Table<Problem>
                  rowKey={(problem) => `${problem.line}:${problem.reason}`}
                  size="small"
                  dataSource={run.data.problems}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { key: 'line', title: t('import.line'), dataIndex: 'line', width: 100 },
                    { key: 'reason', title: t('import.reason'), dataIndex: 'reason' },
                  ]}
                  onRow={() => ({ 'data-testid': 'import-problem-row' }) as HTMLAttributes<HTMLElement>}
                />
              )}
            </>
          )}
        </Flex>
      )}
    </Flex>
  );
}
