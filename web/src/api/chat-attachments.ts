import { isApiError } from './api-error';
import { conversationPath, type ChatAttachment } from './chat';
import { request } from './client';

/** The server refuses larger files (attachment_too_large); checked here first to spare the upload. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Uploads one file (the raw bytes with their type, the name in the query); a send then names its id. */
export function uploadAttachment(orgId: string, conversationId: string, file: File): Promise<ChatAttachment> {
  return request<{ attachment: ChatAttachment }>('POST', `${conversationPath(orgId, conversationId)}/attachments`, {
    body: file,
    contentType: file.type || 'application/octet-stream',
    query: { name: file.name },
  }).then((answer) => answer.attachment);
}

/** Always a download (Content-Disposition: attachment). */
export function attachmentUrl(orgId: string, conversationId: string, attachmentId: string): string {
  return `${conversationPath(orgId, conversationId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** A picture as the server re-encoded it (no EXIF location unless its sender agreed to share it). */
export function attachmentPreviewUrl(orgId: string, conversationId: string, attachmentId: string): string {
  return `${attachmentUrl(orgId, conversationId, attachmentId)}/preview`;
}

/** A server without attachments has no such route: a plain `not_found`, unlike a missing chat (conversation_not_found). */
export function attachmentsUnavailable(error: unknown): boolean {
  return isApiError(error) && error.status === 404 && (error.code === 'not_found' || error.code === 'http_404');
}
