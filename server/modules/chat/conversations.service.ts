import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { EventBus } from '../../platform/bus/event-bus.ts';
import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import { AppError } from '../../errors.ts';
import type { OrgContext } from '../org/org-access.ts';
import type { ChatRepo, ConversationMemberRow, Seat } from './chat.repo.ts';
import { presentConversation, presentMessage } from './chat.presenter.ts';
import type { ChatParticipant, ConversationDetail, ConversationSummary } from '../../../common/chat.ts';
import { openBody } from './message-body.ts';
import { MAX_GROUP_MEMBERS, mayManageGroup } from './chat.policy.ts';
import { reencodeAvatar } from '../../platform/images/avatar-image.ts';

type MemberNames = (orgId: string, memberIds: string[]) => Promise<Map<string, { name: string; gone: boolean }>>;
/** Of these people, those the caller may bring into a chat: in the contacts space, only their contacts (decision 0012). */
type ContactsAmong = (ctx: OrgContext, memberIds: string[]) => Promise<Array<{ id: string; account_id: string | null }>>;

/** Direct and group chats: creating them, who is in them, and each person's settings. */
export class ConversationService {
  constructor(
    private readonly deps: { repo: ChatRepo; envelope: Envelope; bus: EventBus; clock: Clock; names: MemberNames; contactsAmong: ContactsAmong },
  ) {}

  /** The caller's seat, or "no such chat" — also for chats of other organisations and chats they left. */
  async seat(ctx: OrgContext, conversationId: string): Promise<Seat> {
    const seat = await this.deps.repo.seat(ctx.org.id, ctx.account.id, conversationId);
    if (!seat) throw new AppError('conversation_not_found');
    return seat;
  }

  async openDirect(ctx: OrgContext, peerMemberId: string): Promise<{ conversation: ConversationDetail; created: boolean }> {
    if (peerMemberId === ctx.me.id) throw new AppError('chat_with_self');
    const [peer] = await this.reachable(ctx, [peerMemberId]);
    if (!peer || !peer.account_id) throw this.notReachable(ctx);
    const directKey = [ctx.me.id, peerMemberId].sort().join(':');
    const existing = await this.deps.repo.directConversation(ctx.org.id, directKey);
    if (existing) {
      // someone who left a direct chat and opens it again takes their seat back
      if (!(await this.deps.repo.seatOf(existing.id, ctx.me.id))) {
        await this.deps.repo.insertSeats([this.newSeat(existing.id, ctx.me.id, 'member')]);
        await this.announce(existing.id);
      }
      return { conversation: await this.detail(ctx, existing.id), created: false };
    }
    const now = this.deps.clock.now();
    const id = timeOrderedId(now);
    try {
      await this.deps.repo.transaction(async (trx) => {
        await this.deps.repo.insertConversation(
          { id, org_id: ctx.org.id, kind: 'direct', name: null, direct_key: directKey, created_by: ctx.me.id, last_seq: 0, last_message_at: null, created_at: now, updated_at: now, key_id: null, avatar_tag: null, closed_at: null },
          [this.newSeat(id, ctx.me.id, 'member'), this.newSeat(id, peerMemberId, 'member')],
          trx,
        );
      });
    } catch (error) {
      // both people opened the chat at the same moment: use the one that won
      const raced = await this.deps.repo.directConversation(ctx.org.id, directKey);
      if (!raced) throw error;
      return { conversation: await this.detail(ctx, raced.id), created: false };
    }
    await this.announce(id, [ctx.account.id, peer.account_id]);
    return { conversation: await this.detail(ctx, id), created: true };
  }

  async createGroup(ctx: OrgContext, name: string, memberIds: string[]): Promise<ConversationDetail> {
    const trimmed = name.trim();
    if (!trimmed) throw new AppError('group_name_required');
    const others = [...new Set(memberIds)].filter((id) => id !== ctx.me.id);
    if (others.length + 1 > MAX_GROUP_MEMBERS) throw new AppError('group_too_large');
    const found = await this.reachable(ctx, others);
    if (found.length !== others.length) throw this.notReachable(ctx, true);
    const now = this.deps.clock.now();
    const id = timeOrderedId(now);
    await this.deps.repo.transaction(async (trx) => {
      await this.deps.repo.insertConversation(
        { id, org_id: ctx.org.id, kind: 'group', name: trimmed, direct_key: null, created_by: ctx.me.id, last_seq: 0, last_message_at: null, created_at: now, updated_at: now, key_id: null, avatar_tag: null, closed_at: null },
        [this.newSeat(id, ctx.me.id, 'owner'), ...others.map((memberId) => this.newSeat(id, memberId, 'member'))],
        trx,
      );
    });
    await this.announce(id, [ctx.account.id, ...found.map((member) => member.account_id).filter((accountId): accountId is string => !!accountId)]);
    return this.detail(ctx, id);
  }

  async list(ctx: OrgContext, only?: string): Promise<ConversationSummary[]> {
    const rows = await this.deps.repo.conversationsOf(ctx.me.id, only);
    const latest = await this.deps.repo.lastMessages(rows.map((row) => row.conversation));
    const peers = new Map<string, string>();
    for (const { conversation } of rows) {
      if (conversation.kind === 'direct' && conversation.direct_key) {
        const peer = conversation.direct_key.split(':').find((id) => id !== ctx.me.id) ?? ctx.me.id;
        peers.set(conversation.id, peer);
      }
    }
    const names = await this.deps.names(ctx.org.id, [...peers.values()]);
    return Promise.all(
      rows.map(async ({ conversation, seat, unread }) => {
        const last = latest.get(conversation.id);
        const peerId = peers.get(conversation.id);
        const peerName = peerId ? names.get(peerId) : undefined;
        return {
          ...presentConversation(conversation, seat, unread),
          peer: peerId ? { memberId: peerId, name: peerName?.name ?? '', gone: peerName?.gone ?? true } : null,
          lastMessage: last ? presentMessage(last, await openBody(this.deps.envelope, last.id, last.body_enc)) : null,
        };
      }),
    );
  }

  async detail(ctx: OrgContext, conversationId: string): Promise<ConversationDetail> {
    const [summary] = await this.list(ctx, conversationId);
    if (!summary) throw new AppError('conversation_not_found');
    const participants = await this.deps.repo.participants(conversationId);
    const names = await this.deps.names(ctx.org.id, participants.map((p) => p.memberId));
    return {
      ...summary,
      participants: participants.map((p) => ({
        memberId: p.memberId,
        name: names.get(p.memberId)?.name ?? '',
        role: p.role as ChatParticipant['role'],
        gone: names.get(p.memberId)?.gone ?? true,
      })),
    };
  }

  async rename(ctx: OrgContext, conversationId: string, name: string): Promise<ConversationDetail> {
    const seat = await this.group(ctx, conversationId);
    if (!mayManageGroup(seat.seat.role)) throw new AppError('forbidden', {}, 'Only the group’s owner and admins can rename it.');
    const trimmed = name.trim();
    if (!trimmed) throw new AppError('group_name_required');
    await this.deps.repo.updateConversation(conversationId, { name: trimmed, updated_at: this.deps.clock.now() });
    await this.announce(conversationId);
    return this.detail(ctx, conversationId);
  }

  /** Anyone in a group may add colleagues, as in Lark and Slack; the group stays within 5,000. */
  async addMembers(ctx: OrgContext, conversationId: string, memberIds: string[]): Promise<ConversationDetail> {
    await this.group(ctx, conversationId);
    const wanted = [...new Set(memberIds)];
    const found = await this.reachable(ctx, wanted);
    if (found.length !== wanted.length) throw this.notReachable(ctx, true);
    await this.deps.repo.transaction(async (trx) => {
      const fresh: ConversationMemberRow[] = [];
      for (const memberId of wanted) if (!(await this.deps.repo.seatOf(conversationId, memberId, trx))) fresh.push(this.newSeat(conversationId, memberId, 'member'));
      if ((await this.deps.repo.seatCount(conversationId, trx)) + fresh.length > MAX_GROUP_MEMBERS) throw new AppError('group_too_large');
      await this.deps.repo.insertSeats(fresh, trx);
    });
    await this.announce(conversationId);
    return this.detail(ctx, conversationId);
  }

  /** Removing someone else needs the owner or an admin; removing oneself is leaving. */
  async removeMember(ctx: OrgContext, conversationId: string, memberId: string): Promise<void> {
    const mine = await this.seat(ctx, conversationId);
    const leaving = memberId === ctx.me.id;
    if (!leaving && mine.conversation.kind !== 'group') throw new AppError('not_a_group');
    const target = leaving ? mine.seat : await this.deps.repo.seatOf(conversationId, memberId);
    if (!target) throw new AppError('member_not_found', {}, 'That person is not in this chat.');
    if (!leaving) {
      if (!mayManageGroup(mine.seat.role)) throw new AppError('forbidden', {}, 'Only the group’s owner and admins can remove people.');
      if (target.role === 'owner' || (target.role === 'admin' && mine.seat.role !== 'owner')) throw new AppError('forbidden', {}, 'Admins cannot remove the owner or another admin.');
    }
    const before = await this.deps.repo.participants(conversationId);
    let deletedKey: string | null = null;
    await this.deps.repo.transaction(async (trx) => {
      await this.deps.repo.deleteSeat(target.id, trx);
      const remaining = before.filter((p) => p.memberId !== target.member_id);
      if (mine.conversation.kind === 'group' && remaining.length === 0) {
        deletedKey = (await this.deps.repo.conversation(ctx.org.id, conversationId, trx))?.key_id ?? null;
        await this.deps.repo.deleteConversation(conversationId, trx);
        return;
      }
      if (target.role === 'owner' && mine.conversation.kind === 'group') {
        // the group is never left without an owner: the longest-serving admin, else member, takes over
        const heir = remaining.find((p) => p.role === 'admin') ?? remaining[0];
        const heirSeat = heir ? await this.deps.repo.seatOf(conversationId, heir.memberId, trx) : undefined;
        if (heirSeat) await this.deps.repo.updateSeat(heirSeat.id, { role: 'owner' }, trx);
      }
    });
    // the group is gone: its key goes too, so no backup copy of its picture can be read
    if (deletedKey) await this.deps.envelope.destroyKey(deletedKey);
    // who was in the chat hears of it; not someone whose organisation membership had already ended
    const heard = before.filter((p) => p.memberStatus === 'active' && p.accountId);
    const removedAccount = heard.find((p) => p.memberId === target.member_id)?.accountId;
    await this.announce(conversationId, heard.map((p) => p.accountId as string));
    if (removedAccount) await this.deps.bus.publish({ conversationId, frame: { type: 'conversation_left', conversationId }, accountIds: [removedAccount] });
  }

  async setRole(ctx: OrgContext, conversationId: string, memberId: string, role: 'admin' | 'member'): Promise<ConversationDetail> {
    const mine = await this.group(ctx, conversationId);
    if (mine.seat.role !== 'owner') throw new AppError('forbidden', {}, 'Only the group’s owner can choose admins.');
    const target = await this.deps.repo.seatOf(conversationId, memberId);
    if (!target) throw new AppError('member_not_found', {}, 'That person is not in this chat.');
    if (target.role === 'owner') throw new AppError('forbidden', {}, 'The owner stays the owner.');
    await this.deps.repo.updateSeat(target.id, { role });
    await this.announce(conversationId);
    return this.detail(ctx, conversationId);
  }

  /**
   * A group's picture (owner and admins). Judged by its content and stored only re-encoded (a small
   * WebP without EXIF), sealed under the group's own key; members hear of it as of a rename.
   */
  async setAvatar(ctx: OrgContext, conversationId: string, image: Buffer): Promise<ConversationDetail> {
    const seat = await this.pictureSeat(ctx, conversationId);
    const clean = await reencodeAvatar(image);
    const keyId = seat.conversation.key_id ?? (await this.deps.envelope.ownedKey('conversation', conversationId));
    const imageEnc = await this.deps.envelope.seal(keyId, clean, avatarContext(conversationId));
    await this.deps.repo.setAvatar(conversationId, { keyId, imageEnc, tag: randomBytes(6).toString('hex'), at: this.deps.clock.now() });
    await this.announce(conversationId);
    return this.detail(ctx, conversationId);
  }

  /** Takes a group's picture away (owner and admins); the group shows its usual icon again. */
  async removeAvatar(ctx: OrgContext, conversationId: string): Promise<ConversationDetail> {
    const seat = await this.pictureSeat(ctx, conversationId);
    if (seat.conversation.avatar_tag !== null) {
      await this.deps.repo.removeAvatar(conversationId, this.deps.clock.now());
      await this.announce(conversationId);
    }
    return this.detail(ctx, conversationId);
  }

  /** A chat's picture, for its members only: anyone else gets "no such chat", as for every chat endpoint. */
  async avatar(ctx: OrgContext, conversationId: string): Promise<Buffer> {
    const seat = await this.seat(ctx, conversationId);
    const sealed = seat.conversation.avatar_tag === null ? undefined : await this.deps.repo.avatar(conversationId);
    if (!sealed) throw new AppError('not_found', {}, 'This chat has no picture.');
    return this.deps.envelope.open(sealed, avatarContext(conversationId));
  }

  async settings(ctx: OrgContext, conversationId: string, changes: { muted?: boolean | undefined; archived?: boolean | undefined }): Promise<ConversationDetail> {
    const mine = await this.seat(ctx, conversationId);
    await this.deps.repo.updateSeat(mine.seat.id, {
      ...(changes.muted !== undefined ? { muted: changes.muted ? 1 : 0 } : {}),
      ...(changes.archived !== undefined ? { archived: changes.archived ? 1 : 0 } : {}),
    });
    // the person's other tabs and devices follow; nobody else hears of it
    await this.deps.bus.publish({ conversationId, frame: { type: 'conversation_changed', conversationId }, accountIds: [ctx.account.id] });
    return this.detail(ctx, conversationId);
  }

  /** The caller's seat in a group whose picture they may change: a direct chat has none, each person shows their own. */
  private async pictureSeat(ctx: OrgContext, conversationId: string): Promise<Seat> {
    const seat = await this.seat(ctx, conversationId);
    if (seat.conversation.kind !== 'group') throw new AppError('not_a_group', {}, 'This is a direct chat: it has no group picture; each person in it shows their own avatar.');
    if (!mayManageGroup(seat.seat.role)) throw new AppError('forbidden', {}, 'Only the group’s owner and admins can change its picture.');
    return seat;
  }

  private async group(ctx: OrgContext, conversationId: string): Promise<Seat> {
    const seat = await this.seat(ctx, conversationId);
    if (seat.conversation.kind !== 'group') throw new AppError('not_a_group');
    return seat;
  }

  private newSeat(conversationId: string, memberId: string, role: string): ConversationMemberRow {
    const now = this.deps.clock.now();
    return { id: timeOrderedId(now), conversation_id: conversationId, member_id: memberId, role, last_read_seq: 0, muted: 0, archived: 0, joined_at: now };
  }

  /** Tells every member's devices (and anyone just removed) that the chat changed. */
  /**
   * Closes or reopens the direct chat between two people of the contacts space as they stop or
   * start again being contacts (decision 0012); both hear of it. No chat between them: nothing to do.
   */
  async setDirectClosed(orgId: string, memberIds: [string, string], closed: boolean): Promise<void> {
    const chat = await this.deps.repo.directConversation(orgId, [...memberIds].sort().join(':'));
    if (!chat || (chat.closed_at !== null) === closed) return;
    await this.deps.repo.updateConversation(chat.id, { closed_at: closed ? this.deps.clock.now() : null, updated_at: this.deps.clock.now() });
    await this.announce(chat.id);
  }

  private async reachable(ctx: OrgContext, memberIds: string[]): Promise<Array<{ id: string; account_id: string | null }>> {
    return ctx.org.kind === 'contacts' ? this.deps.contactsAmong(ctx, memberIds) : this.deps.repo.activeMembers(ctx.org.id, memberIds);
  }

  private notReachable(ctx: OrgContext, several = false): AppError {
    if (ctx.org.kind === 'contacts') return new AppError('contact_not_found', {}, several ? 'Some of the people you chose are not your contacts.' : undefined);
    return several ? new AppError('member_not_found', {}, 'Some of the people you chose are not members of this organisation.') : new AppError('member_not_found');
  }

  private async announce(conversationId: string, alsoAccounts: string[] = []): Promise<void> {
    const current = await this.deps.repo.recipients(conversationId);
    await this.deps.bus.publish({
      conversationId,
      frame: { type: 'conversation_changed', conversationId },
      accountIds: [...new Set([...current, ...alsoAccounts])],
      membersChanged: true,
    });
  }
}

/** The envelope context of a group's picture: its table, column and row. */
function avatarContext(conversationId: string): string {
  return `conversation_avatar.image_enc:${conversationId}`;
}
