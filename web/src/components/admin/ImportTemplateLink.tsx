import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/context';

/** The column names the importer reads (it also accepts Chinese headers). */
export const importTemplateHeader = 'name,work_email,work_phone,department,position,work_location,supervisor_email';

/**
 * Made here rather than served: it is one line. The byte-order mark makes Excel open it as UTF-8,
 * so Chinese names typed into it survive the round trip; the importer skips the mark.
 */
const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${importTemplateHeader}\r\n`)}`;

export function ImportTemplateLink() {
  const { t } = useI18n();
  return (
    <a href={templateHref} download="lockstep-invitations-template.csv" data-testid="import-template">
      <DownloadOutlined /> {t('import.template')}
    </a>
  );
}
