import type { Clock } from '../../platform/clock.ts';
import { KeyDestroyedError, type Envelope } from '../../platform/crypto/envelope.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import { AppError } from '../../errors.ts';
import type { AttachmentRow, ChatRepo } from './chat.repo.ts';
import type { Actor } from './messages.service.ts';
import { checkContent } from './attachment-content.ts';
import type { PhotoLocation } from './photo-location.ts';
import type { ChatAttachment } from '../../../common/chat.ts';

export const UNSENT_FOR_MS = 24 * 60 * 60 * 1000;
export const UNSENT_ATTACHMENTS_JOB = 'attachments.delete_unsent';

const nameContext = (id: string) => `attachment.name_enc:${id}`;
const blobContext = (id: string) => `attachment.blob_id:${id}`;
const locationContext = (id: string) => `attachment.location_enc:${id}`;

/**
 * Pictures and files in chats. Uploaded first (checked, re-encoded if a picture, sealed under the
 * uploader's member key, stored under an internal id), then sent with a message; until then only
 * the uploader can see them. Recalling the message deletes them.
 *
 * A photo keeps the place it was taken only if its uploader has granted `chat.photo_location`
 * when uploading it; the decision at that moment holds for that photo (a later withdrawal applies
 * to the photos sent after it; recalling a message removes one already sent).
 */
export class AttachmentService {
  constructor(
    private readonly deps: {
      repo: ChatRepo;
      envelope: Envelope;
      blobs: BlobStore;
      clock: Clock;
      /** whether the account has granted `chat.photo_location` (the privacy module's consent record) */
      keepsPhotoLocation: (accountId: string) => Promise<boolean>;
    },
  ) {}

  async upload(actor: Actor, conversationId: string, name: string, declaredType: string, bytes: Buffer): Promise<ChatAttachment> {
    const seat = await this.deps.repo.seat(actor.orgId, actor.accountId, conversationId);
    if (!seat) throw new AppError('conversation_not_found');
    const fileName = cleanName(name);
    const content = await checkContent(bytes, declaredType, { keepLocation: await this.deps.keepsPhotoLocation(actor.accountId) });
    const id = timeOrderedId(this.deps.clock.now());
    const blobId = crypto.randomUUID();
    await this.deps.blobs.put(blobId, await this.deps.envelope.seal(seat.keyId, content.bytes, blobContext(id)));
    const row: AttachmentRow = {
      id,
      conversation_id: conversationId,
      uploader_member_id: seat.memberId,
      message_id: null,
      name_enc: await this.deps.envelope.seal(seat.keyId, fileName, nameContext(id)),
      content_type: content.contentType,
      size: content.bytes.length,
      width: content.image?.width ?? null,
      height: content.image?.height ?? null,
      blob_id: blobId,
      location_enc: content.location ? await this.deps.envelope.seal(seat.keyId, JSON.stringify(content.location), locationContext(id)) : null,
      created_at: this.deps.clock.now(),
    };
    try {
      await this.deps.repo.insertAttachment(row);
    } catch (error) {
      await this.deps.blobs.delete(blobId);
      throw error;
    }
    return (await this.present([row]))[0]!;
  }

  /** The file's content, for members of the chat once it was sent (and for its uploader before). */
  async open(actor: Actor, conversationId: string, attachmentId: string): Promise<{ attachment: ChatAttachment; bytes: Buffer }> {
    const seat = await this.deps.repo.seat(actor.orgId, actor.accountId, conversationId);
    if (!seat) throw new AppError('conversation_not_found');
    const row = await this.deps.repo.attachment(conversationId, attachmentId);
    if (!row || (row.message_id === null && row.uploader_member_id !== seat.memberId)) throw new AppError('attachment_not_found');
    const sealed = await this.deps.blobs.get(row.blob_id);
    if (!sealed) throw new AppError('attachment_not_found');
    try {
      const bytes = await this.deps.envelope.open(sealed, blobContext(row.id));
      return { attachment: (await this.present([row]))[0]!, bytes };
    } catch (error) {
      if (error instanceof KeyDestroyedError) throw new AppError('attachment_not_found');
      throw error;
    }
  }

  async present(rows: AttachmentRow[]): Promise<ChatAttachment[]> {
    const presented: ChatAttachment[] = [];
    for (const row of rows) {
      let name = '';
      let location: PhotoLocation | null = null;
      try {
        name = await this.deps.envelope.openText(row.name_enc, nameContext(row.id));
        if (row.location_enc) location = JSON.parse(await this.deps.envelope.openText(row.location_enc, locationContext(row.id))) as PhotoLocation;
      } catch (error) {
        if (!(error instanceof KeyDestroyedError)) throw error;
        continue; // its uploader was erased: nothing of it is left to show
      }
      presented.push({
        id: row.id,
        name,
        contentType: row.content_type,
        size: Number(row.size),
        image: row.width !== null && row.height !== null ? { width: Number(row.width), height: Number(row.height) } : null,
        location,
      });
    }
    return presented;
  }

  /** Files uploaded and never sent within a day are deleted: an upload is not a place to keep data. */
  async deleteUnsent(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = await this.deps.repo.unsentBefore(this.deps.clock.now() - UNSENT_FOR_MS);
      if (!rows.length) return deleted;
      await this.deleteRows(rows);
      deleted += rows.length;
    }
  }

  /** Deletes the files of recalled messages, rows first so no one can open them meanwhile. */
  async deleteRows(rows: AttachmentRow[]): Promise<void> {
    await this.deps.repo.deleteAttachments(rows.map((row) => row.id));
    for (const row of rows) await this.deps.blobs.delete(row.blob_id);
  }
}

/** A file name as a name only: no directories, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  if (!clean || clean === '.' || clean === '..') throw new AppError('invalid_request', {}, 'Give the file a name.');
  return clean;
}
