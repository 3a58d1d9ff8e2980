import type { Clock } from '../../platform/clock.ts';
import { KeyDestroyedError, type Envelope } from '../../platform/crypto/envelope.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import { AppError } from '../../errors.ts';
import type { AttachmentRow, ChatRepo } from './chat.repo.ts';
import type { Actor } from './messages.service.ts';
import { checkContent, withoutLocation } from './attachment-content.ts';
import type { PhotoLocation } from './photo-location.ts';
import type { ChatAttachment } from '../../../common/chat.ts';

export const UNSENT_FOR_MS = 24 * 60 * 60 * 1000;
export const UNSENT_ATTACHMENTS_JOB = 'attachments.delete_unsent';
/** set off by a withdrawal of `chat.photo_location`, for the person who withdrew it */
export const FORGET_PHOTO_PLACES_JOB = 'attachments.forget_photo_places';
const FORGET_BATCH = 50;

const nameContext = (id: string) => `attachment.name_enc:${id}`;
const blobContext = (id: string) => `attachment.blob_id:${id}`;
const locationContext = (id: string) => `attachment.location_enc:${id}`;

/**
 * Pictures and files in chats. Uploaded first (checked, re-encoded if a picture, sealed under the
 * uploader's member key, stored under an internal id), then sent with a message; until then only
 * the uploader can see them. Recalling the message deletes them.
 *
 * A photo keeps the place it was taken only if its uploader has granted `chat.photo_location`
 * when uploading it, and only until they withdraw it: a withdrawal deletes the place from every
 * photo they had sent, in every organisation (the consent is the account's), from the row and
 * from the stored picture, and the photos they send afterwards keep none.
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
    // a withdrawal made while this photo was being checked may have run its deletion before the row
    // existed: asked again now that it does, so the place is never left behind
    if (row.location_enc && !(await this.deps.keepsPhotoLocation(actor.accountId))) {
      await this.forgetPlace({ ...row, key_id: seat.keyId });
      return (await this.present([(await this.deps.repo.attachment(conversationId, id))!]))[0]!;
    }
    return (await this.present([row]))[0]!;
  }

  /**
   * Deletes the place from every photo an account uploaded up to a moment (its withdrawal of
   * `chat.photo_location`), in every organisation it is a member of. Done in batches until none is
   * left, so one job finishes the whole deletion; a job that stops half-way is taken up again and
   * goes on from the photos still placed.
   */
  async forgetPlaces(accountId: string, upTo: number): Promise<number> {
    let forgotten = 0;
    for (;;) {
      const rows = await this.deps.repo.placedPhotosOf(accountId, upTo, FORGET_BATCH);
      if (!rows.length) return forgotten;
      let progress = 0;
      for (const row of rows) if (await this.forgetPlace(row)) progress++;
      // rows that changed under every attempt: the job fails and is retried, never loops here
      if (!progress) throw Object.assign(new Error('photo places did not change'), { code: 'place_deletion_stalled' });
      forgotten += progress;
    }
  }

  /**
   * One photo without its place: the stored picture opened, re-encoded without the position,
   * sealed again under the same key and put in place of the old one, which is deleted; the row's
   * sealed copy emptied in the same update. The row changes only if no one changed it meanwhile
   * (its message recalled, another run first); otherwise the new picture is thrown away.
   */
  private async forgetPlace(row: AttachmentRow & { key_id: string }): Promise<boolean> {
    const sealed = await this.deps.blobs.get(row.blob_id);
    let replacement: { blobId: string; bytes: Buffer } | null = null;
    if (sealed) {
      try {
        const bytes = await withoutLocation(await this.deps.envelope.open(sealed, blobContext(row.id)), row.content_type);
        replacement = { blobId: crypto.randomUUID(), bytes };
        await this.deps.blobs.put(replacement.blobId, await this.deps.envelope.seal(row.key_id, bytes, blobContext(row.id)));
      } catch (error) {
        // its uploader was erased: the picture is unreadable by anyone already
        if (!(error instanceof KeyDestroyedError)) throw error;
      }
    }
    const swapped = await this.deps.repo.forgetPlace(row.id, row.blob_id, replacement && { blobId: replacement.blobId, size: replacement.bytes.length });
    if (!swapped) {
      if (replacement) await this.deps.blobs.delete(replacement.blobId);
      return false;
    }
    if (replacement) await this.deps.blobs.delete(row.blob_id);
    return true;
  }

  /** The file's content, for members of the chat once it was sent (and for its uploader before). */
  async open(actor: Actor, conversationId: string, attachmentId: string): Promise<{ attachment: ChatAttachment; bytes: Buffer }> {
    const seat = await this.deps.repo.seat(actor.orgId, actor.accountId, conversationId);
    if (!seat) throw new AppError('conversation_not_found');
    const row = await this.deps.repo.attachment(conversationId, attachmentId);
    if (!row || (row.message_id === null && row.uploader_member_id !== seat.memberId)) throw new AppError('attachment_not_found');
    let current = row;
    let sealed = await this.deps.blobs.get(row.blob_id);
    if (!sealed) {
      // a photo whose place was deleted meanwhile has a new picture
      const moved = await this.deps.repo.attachment(conversationId, attachmentId);
      if (moved && moved.blob_id !== row.blob_id) [current, sealed] = [moved, await this.deps.blobs.get(moved.blob_id)];
    }
    if (!sealed) throw new AppError('attachment_not_found');
    try {
      const bytes = await this.deps.envelope.open(sealed, blobContext(current.id));
      return { attachment: (await this.present([current]))[0]!, bytes };
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
