import { CloseOutlined, ExclamationCircleOutlined, FileOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip, Typography } from 'antd';
import type { ChatAttachment } from '../../api/chat';
import { fileSize } from '../../chat/chat-format';
import { useI18n } from '../../i18n/context';

export interface Upload {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'ready' | 'failed';
  attachment: ChatAttachment | null;
  error: string | null;
}

/**
 * The files chosen for the next message, each uploading, ready or failed, and removable. A photo
 * that keeps where it was taken (its sender granted `chat.photo_location`) says so before it is sent.
 */
export function ComposerAttachments({ uploads, onRemove }: { uploads: Upload[]; onRemove(key: string): void }) {
  const { t } = useI18n();
  if (!uploads.length) return null;
  return (
    <Flex wrap gap={6} style={{ marginBottom: 6 }} data-testid="chat-composer-attachments">
      {uploads.map((upload) => (
        <Tooltip key={upload.key} title={upload.error}>
          <Flex align="center" gap={6} className="chat-file-chip" data-testid="chat-composer-attachment" data-status={upload.status}>
            {upload.status === 'uploading' ? (
              <LoadingOutlined />
            ) : upload.status === 'failed' ? (
              <ExclamationCircleOutlined style={{ color: '#cf1322' }} />
            ) : (
              <FileOutlined style={{ color: '#1f5fbf' }} />
            )}
            <Typography.Text ellipsis style={{ maxWidth: 180 }} type={upload.status === 'failed' ? 'danger' : undefined}>
              {upload.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fileSize(upload.size)}
            </Typography.Text>
            {upload.attachment?.location && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('chat.photoPlaceKept')} data-testid="chat-composer-location">
                📍 {t('chat.photoPlaceKeptShort')}
              </Typography.Text>
            )}
            <Button size="small" type="text" icon={<CloseOutlined />} onClick={() => onRemove(upload.key)} aria-label={t('chat.removeFile', { name: upload.name })} />
          </Flex>
        </Tooltip>
      ))}
    </Flex>
  );
}
