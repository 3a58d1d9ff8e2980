import { Card, Flex, Typography } from 'antd';
import { requestMyDataExport, useMyDataExports } from '../../api/data-exports';
import { useI18n } from '../../i18n/context';
import { DataExportBlock } from './DataExportBlock';

/** "Download my data": what the archive holds, then a fresh code, the server preparing it, and its link. */
export function DownloadMyData() {
  const { t } = useI18n();
  const latest = useMyDataExports();

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
        <DataExportBlock testId="export" latest={latest} request={requestMyDataExport} keepSafeHint={t('myData.savedHint')} />
      </Flex>
    </Card>
  );
}
