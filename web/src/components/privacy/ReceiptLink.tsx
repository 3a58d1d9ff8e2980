import { FileProtectOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useI18n } from '../../i18n/context';

/**
 * The one-time link to a signed deletion receipt. The server hands it out once, so the link saves
 * it as a file (download) rather than showing it in a tab that would be gone after a reload.
 */
export function ReceiptLink({ url, testId }: { url: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4} align="start">
      <Typography.Link href={url} download="lockstep-deletion-receipt.json" data-testid={testId}>
        <FileProtectOutlined /> {t('receipt.download')}
      </Typography.Link>
      <Typography.Text type="secondary">{t('receipt.once')}</Typography.Text>
    </Flex>
  );
}
