import { Flex, Typography } from 'antd';
import { requestChildDataExport, useChildDataExports, type ChildInCare } from '../../api/guardian';
import { useI18n } from '../../i18n/context';
import { DataExportBlock } from './DataExportBlock';

/** A child's data as a ZIP, like my own download: the code goes to the guardian's own address. */
export function ChildDataDownload({ child }: { child: ChildInCare }) {
  const { t } = useI18n();
  const latest = useChildDataExports(child.id);

  return (
    <Flex vertical gap={12}>
      <Typography.Text>{t('children.downloadIntro', { name: child.name })}</Typography.Text>
      <DataExportBlock testId="child-export" latest={latest} request={(proof) => requestChildDataExport(child.id, proof)} keepSafeHint={t('children.savedHint')} />
    </Flex>
  );
}
