import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { downloadMyData } from '../../api/my-data';
import { useI18n } from '../../i18n/context';
import { saveFile } from '../../platform/save-file';
import { FreshCodeForm } from './FreshCodeForm';

/** "Download my data": what the archive holds, a fresh code, then the browser's own download. */
export function DownloadMyData() {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  // each code is used up by one download, so every download starts a fresh form
  const [round, setRound] = useState(0);
  const download = useMutation({
    mutationFn: downloadMyData,
    onSuccess: ({ blob, fileName }) => {
      saveFile(blob, fileName);
      setSaved(fileName);
      setRound((previous) => previous + 1);
    },
  });

  return (
    <Card title={t('myData.title')} id="export" data-testid="privacy-export" style={{ height: '100%', scrollMarginTop: 80 }}>
      <Flex vertical gap={16}>
        <div>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('myData.intro')}</Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: '1.4em', lineHeight: 1.8 }}>
            <li>{t('myData.jsonFiles')}</li>
            <li>{t('myData.myFiles')}</li>
            <li>{t('myData.index')}</li>
          </ul>
        </div>
        {saved && (
          <Alert type="success" showIcon closable={{ onClose: () => setSaved(null) }} title={t('myData.saved', { file: saved })} description={t('myData.savedHint')} data-testid="export-done" />
        )}
        <FreshCodeForm
          key={round}
          testId="export"
          actionLabel={t('myData.download')}
          actionIcon={<DownloadOutlined />}
          pending={download.isPending}
          failure={download.error}
          onAction={(proof) => download.mutate(proof)}
          onNewChallenge={() => download.reset()}
        />
      </Flex>
    </Card>
  );
}
