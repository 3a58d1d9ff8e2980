import { DownloadOutlined, FileOutlined } from '@ant-design/icons';
import { Flex, Image, Typography } from 'antd';
import type { ChatAttachment } from '../../api/chat';
import { attachmentPreviewUrl, attachmentUrl } from '../../api/chat-attachments';
import { fileSize, thumbnailSize } from '../../chat/chat-format';
import { useI18n } from '../../i18n/context';
import { PhotoPlace } from './PhotoPlace';

interface Props {
  orgId: string;
  conversationId: string;
  attachments: ChatAttachment[];
}

/**
 * Pictures as thumbnails (the server's re-encoded preview), with where a photo was taken when its
 * sender chose to keep it; other files as chips with their size and a download link.
 */
export function MessageAttachments({ orgId, conversationId, attachments }: Props) {
  const { t } = useI18n();
  if (!attachments.length) return null;
  return (
    <Flex wrap gap={8} style={{ marginTop: 4 }} data-testid="chat-message-attachments">
      {attachments.map((attachment) =>
        attachment.image ? (
          <Flex key={attachment.id} vertical gap={2}>
            <Image
              src={attachmentPreviewUrl(orgId, conversationId, attachment.id)}
              alt={attachment.name}
              {...thumbnailSize(attachment.image)}
              style={{ objectFit: 'contain', borderRadius: 6, background: '#f3f4f6' }}
              data-testid="chat-attachment-image"
            />
            {attachment.location && <PhotoPlace location={attachment.location} />}
          </Flex>
        ) : (
          <Flex key={attachment.id} align="center" gap={8} className="chat-file-chip" data-testid="chat-attachment-file">
            <FileOutlined style={{ fontSize: 20, color: '#1f5fbf' }} />
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ display: 'block', maxWidth: 220 }} data-testid="chat-attachment-name">
                {attachment.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fileSize(attachment.size)}
              </Typography.Text>
            </div>
            <a href={attachmentUrl(orgId, conversationId, attachment.id)} download={attachment.name} aria-label={t('chat.download', { name: attachment.name })} title={t('chat.download', { name: attachment.name })} data-testid="chat-attachment-download">
              <DownloadOutlined />
            </a>
          </Flex>
        ),
      )}
    </Flex>
  );
}
