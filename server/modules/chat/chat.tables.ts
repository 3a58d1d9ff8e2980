import { col, table, type RowOf } from '../../platform/datamap/declare.ts';
import type { Localised } from '../../platform/datamap/categories.ts';

const chatting: Localised = {
  'zh-CN': '即时通讯：单聊与群聊、消息、表情回复、已读状态与消息搜索（P2.4）',
  en: 'Messaging: direct and group chats, messages, reactions, read state and message search (P2.4)',
};
const service: Localised = { 'zh-CN': '履行您使用即时通讯服务的合同所必需', en: 'Necessary to provide the messaging service you use' };

/**
 * A chat. Direct chats carry `direct_key` (the two member ids in order) so a second "new chat"
 * with the same colleague opens the first. `last_seq` hands out the per-chat sequence numbers
 * under the row's lock, so two server processes never give the same number twice.
 */
export const conversationTable = table('conversation', {
  subject: null,
  purpose: chatting,
  legalBasis: service,
  retention: 'chat.whileMember',
  recipients: [],
  columns: {
    id: col.id('org.chat'),
    org_id: col.ref('organisation', { category: 'org.profile' }),
    kind: col.text({ category: 'org.chat' }),
    name: col.textNullable({ category: 'org.chat' }),
    direct_key: col.textNullable({ category: 'org.chat' }),
    created_by: col.refNullable('member', { category: 'org.chat', erase: 'nullify' }),
    last_seq: col.int({ category: 'system.operations' }),
    last_message_at: col.timeNullable(),
    created_at: col.time(),
    updated_at: col.time(),
    // the group's own data key, created with its first picture and destroyed when the group is deleted
    key_id: col.refNullable('data_key', { category: 'system.keys' }),
    // a random tag of the group's current picture (null: none); it is in the picture's address, so
    // members' browsers never show an old picture from their cache
    avatar_tag: col.textNullable({ category: 'org.chat' }),
    // a direct chat between two people who stopped being contacts: readable, takes no new messages
    closed_at: col.timeNullable(),
  },
});

/**
 * A group chat's picture, set by its owner or an admin and shown to its members. It belongs to the
 * group, not to a person: like the group's name it is `org.chat`, and who uploaded it is not
 * recorded, so a person's data export does not carry it and erasing them leaves it, as it leaves
 * the name. It is stored only as a 256-pixel WebP re-encoded without EXIF, sealed under the group's
 * own key (`conversation.key_id`), which is destroyed when the group is deleted (its last member
 * leaves), so no backup copy can be read after that. A table of its own, so the chat row read on
 * every send stays small.
 */
export const conversationAvatarTable = table('conversation_avatar', {
  subject: null,
  purpose: chatting,
  legalBasis: service,
  retention: 'chat.whileMember',
  recipients: [],
  columns: {
    // the chat's id: one picture a group
    id: col.ref('conversation', { category: 'org.chat' }),
    // not a person's data: kept while the group is, and unreadable once its key is destroyed
    image_enc: col.encrypted({ category: 'org.chat', erase: 'keep' }),
    updated_at: col.time(),
  },
});

/** One person's place in a chat: role, read position, mute and archive. Deleted when they leave. */
export const conversationMemberTable = table('conversation_member', {
  subject: { via: 'member_id' },
  purpose: chatting,
  legalBasis: service,
  retention: 'chat.whileMember',
  recipients: [],
  columns: {
    id: col.id('user.content.chat'),
    conversation_id: col.ref('conversation', { category: 'user.content.chat' }),
    member_id: col.ref('member', { category: 'user.content.chat' }),
    role: col.text({ category: 'user.content.chat', erase: 'delete-row' }),
    last_read_seq: col.int({ category: 'user.content.chat' }),
    muted: col.int({ category: 'user.content.chat' }),
    archived: col.int({ category: 'user.content.chat' }),
    joined_at: col.time({ category: 'user.content.chat' }),
  },
});

/**
 * A message. The body (text, mentions) is sealed under the sender's member key: recalling clears
 * it at once, and erasing the sender destroys the key, so every copy becomes "content erased" for
 * everyone, backups included. `client_id` makes a retried send land once.
 */
export const messageTable = table('message', {
  subject: { via: 'sender_member_id' },
  erasedValues: { state: 'erased' },
  purpose: chatting,
  legalBasis: service,
  retention: 'message.untilRecalled',
  recipients: [{ 'zh-CN': '同一会话中的其他成员', en: 'The other members of the same chat' }],
  columns: {
    id: col.id('user.content.message'),
    conversation_id: col.ref('conversation', { category: 'user.content.message' }),
    seq: col.int({ category: 'system.operations' }),
    sender_member_id: col.ref('member', { category: 'user.content.message' }),
    client_id: col.text({ category: 'system.operations' }),
    body_enc: col.encryptedNullable({ category: 'user.content.message' }),
    reply_to_id: col.refNullable('message', { category: 'user.content.message' }),
    state: col.text({ category: 'user.content.message' }),
    created_at: col.time({ category: 'user.content.message' }),
    edited_at: col.timeNullable({ category: 'user.content.message' }),
  },
});

export const messageReactionTable = table('message_reaction', {
  subject: { via: 'member_id' },
  purpose: chatting,
  legalBasis: service,
  retention: 'message.untilRecalled',
  recipients: [{ 'zh-CN': '同一会话中的其他成员', en: 'The other members of the same chat' }],
  columns: {
    id: col.id('user.content.message'),
    message_id: col.ref('message', { category: 'user.content.message' }),
    member_id: col.ref('member', { category: 'user.content.message' }),
    emoji: col.text({ category: 'user.content.message', erase: 'delete-row' }),
    created_at: col.time(),
  },
});

/**
 * The search index: one document a message, holding for each of its words an HMAC of (chat id,
 * normalised word) under a key derived from the sender's member key, separated by spaces. It holds
 * no plaintext; the same word in two chats, or from two senders, gives unrelated entries, so
 * comparing documents tells nothing; and once the sender's key is destroyed no one can recompute
 * an entry, so a backup's documents confirm no guessed word (decision 0016). The database's full-text index over it (on SQLite, FTS5 tables the
 * dialect profile names) holds the same entries, and loses a message's the moment its row goes.
 */
export const messageSearchTable = table('message_search', {
  subject: { via: 'message_id' },
  purpose: chatting,
  legalBasis: service,
  retention: 'message.untilRecalled',
  recipients: [],
  columns: {
    message_id: col.ref('message', { category: 'user.content.search_index' }),
    tokens: col.text({ category: 'user.content.search_index', erase: 'delete-row' }),
  },
});

/**
 * Who has written in a chat: one row a (chat, sender), written with their first message. Search
 * entries are keyed under each sender's member key (decision 0016), so a query computes its
 * tokens once for each sender of each chat the person is in; seats are not enough, since one who
 * left a chat leaves their messages in it. Erasing the sender removes their rows with their key.
 */
export const conversationSenderTable = table('conversation_sender', {
  subject: { via: 'member_id' },
  purpose: chatting,
  legalBasis: service,
  retention: 'message.untilRecalled',
  recipients: [],
  columns: {
    conversation_id: col.ref('conversation', { category: 'user.content.chat' }),
    member_id: col.ref('member', { category: 'user.content.chat' }),
    first_sent_at: col.time({ category: 'user.content.chat', erase: 'delete-row' }),
  },
});

/**
 * A picture or file sent in a chat. The content is a blob sealed under the uploader's member key;
 * its name is sealed too. Pictures are stored re-encoded, without their EXIF data, except the
 * place a photo was taken when its sender had granted `chat.photo_location` at upload: then the
 * picture keeps its GPS position and the row holds it too (sealed), for the chat to show, until
 * the sender withdraws it (then both are deleted: AttachmentService.forgetPlaces).
 */
export const attachmentTable = table('attachment', {
  subject: { via: 'uploader_member_id' },
  purpose: chatting,
  legalBasis: service,
  retention: 'attachment.untilRecalled',
  recipients: [{ 'zh-CN': '同一会话中的其他成员', en: 'The other members of the same chat' }],
  columns: {
    id: col.id('user.content.attachment'),
    conversation_id: col.ref('conversation', { category: 'user.content.attachment' }),
    uploader_member_id: col.ref('member', { category: 'user.content.attachment' }),
    message_id: col.refNullable('message', { category: 'user.content.attachment' }),
    name_enc: col.encrypted({ category: 'user.content.attachment', erase: 'delete-row' }),
    content_type: col.text({ category: 'user.content.attachment' }),
    size: col.int({ category: 'user.content.attachment' }),
    width: col.intNullable({ category: 'user.content.attachment' }),
    height: col.intNullable({ category: 'user.content.attachment' }),
    blob_id: col.blob({ category: 'user.content.attachment' }),
    // null unless the sender consented (P0.3) and the photo carried a position
    location_enc: col.encryptedNullable({
      category: 'user.location.precise',
      erase: 'delete-row',
      purpose: {
        'zh-CN': '在聊天中显示照片的拍摄地点（功能“在聊天照片中保留拍摄地点”，P0.3）；撤回同意时，您已发送的所有照片（所有组织和会话中）的拍摄地点会从照片本身和此字段中删除，照片和消息保留，此后发送的照片不再保留地点',
        en: 'Showing the chat where a photo was taken (the function “Keep where my photos were taken”, P0.3); a withdrawal deletes the place from every photo you had sent, in every organisation and chat, from the picture itself and from this field (the photos and messages stay), and photos sent afterwards keep none',
      },
      legalBasis: { 'zh-CN': '您的单独同意，可随时在隐私中心撤回', en: 'Your separate consent, which you can withdraw at any time in the privacy centre' },
    }),
    created_at: col.time(),
  },
});

export interface ChatTables {
  conversation: RowOf<typeof conversationTable>;
  conversation_avatar: RowOf<typeof conversationAvatarTable>;
  conversation_member: RowOf<typeof conversationMemberTable>;
  message: RowOf<typeof messageTable>;
  message_reaction: RowOf<typeof messageReactionTable>;
  message_search: RowOf<typeof messageSearchTable>;
  conversation_sender: RowOf<typeof conversationSenderTable>;
  attachment: RowOf<typeof attachmentTable>;
}
