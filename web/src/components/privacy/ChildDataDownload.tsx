import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { FreshCodeProof } from '../../api/fresh-code';
import { downloadChildData, type ChildInCare } from '../../api/guardian';
import { useI18n } from '../../i18n/context';
import { saveFile } from '../../platform/save-file';
import { FreshCodeForm } from './FreshCodeForm';

/** A child's data as a ZIP, like my own download: the code goes to the guardian's own address. */
export function ChildDataDownload({ child }: { child: ChildInCare }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  // each code is used up by one download, so every download starts a fresh form
  const [round, setRound] = useState(0);
  const download = useMutation({
    mutationFn: (proof: FreshCodeProof) => downloadChildData(child.id, proof),
    onSuccess: ({ blob, fileName }) => {
      saveFile(blob, fileName);
      setSaved(fileName);
      setRound((previous) => previous + 1);
    },
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Text>{t('children.downloadIntro', { name: child.name })}</Typography.Text>
      {saved && (
        <Alert type="success" showIcon closable={{ onClose: () => setSaved(null) }} title={t('myData.saved', { file: saved })} description={t('children.savedHint')} data-testid="child-export-done" />
      )}
      <FreshCodeForm
        key={round}
        testId="child-export"
        actionLabel={t('myData.download')}
        actionIcon={<DownloadOutlined />}
        pending={download.isPending}
        failure={download.error}
        onAction={(proof) => download.mutate(proof)}
        onNewChallenge={() => download.reset()}
      />
    </Flex>
  );
}
