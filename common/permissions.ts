import type { Localised } from './locale.ts';

/** Device permissions the policy names (P0.3): all off by default, each granted for a named function only. */
export const devicePermissions = ['address_book', 'location', 'camera', 'microphone', 'photo_album'] as const;
export type DevicePermission = (typeof devicePermissions)[number];

export interface PermissionFunction {
  permission: DevicePermission;
  purpose: Localised;
  /** what a withdrawal deletes of what the function collected (policy §6), asked before withdrawing */
  withdrawal: Localised;
}

/**
 * The functions that use a permission, each with the purpose a person is shown before granting.
 * A function is listed here only once it exists; the others stay unused and off.
 */
export const permissionFunctions = {
  'directory.match_contacts': {
    permission: 'address_book',
    purpose: {
      'zh-CN': '用您手机通讯录中的号码和邮箱，找出哪些联系人是您组织里的同事。通讯录只用于本次比对，不会保存。',
      en: 'Use the numbers and addresses in your phone’s address book to find which contacts are colleagues in your organisation. The address book is used for that comparison only and never stored.',
    },
    withdrawal: {
      'zh-CN': '通讯录从未保存，因此没有需要删除的内容。',
      en: 'Your address book was never stored, so there is nothing of it to delete.',
    },
  },
  'chat.photo_location': {
    permission: 'location',
    purpose: {
      'zh-CN': '在聊天中发送照片时保留其拍摄地点（经纬度与海拔），让会话中的成员能看到。未开启时，您发送的每张照片都会去除拍摄地点。关闭后，您已发送的每张照片中的拍摄地点都会被删除（所有组织和会话中的照片，照片和消息本身保留），此后发送的照片也不再保留地点。',
      en: 'Keep the place a photo was taken (latitude, longitude and altitude) when you send it in a chat, so the people in the chat can see it. Without this, the place is removed from every photo you send. Turning it off deletes the place from every photo you have already sent (in every organisation and chat; the photos and messages stay), and the photos you send afterwards keep none.',
    },
    withdrawal: {
      'zh-CN': '您已发送的照片（所有组织和会话中）保留的拍摄地点会从照片本身和我们的记录中删除，几分钟内完成；照片和消息本身保留。撤回前已备份的副本在备份保存期满时删除。',
      en: 'The place kept in the photos you have already sent, in every organisation and chat, is deleted from the pictures themselves and from our records, within minutes; the photos and messages stay. Copies in backups taken before are deleted when those backups expire.',
    },
  },
} as const satisfies Record<string, PermissionFunction>;

export type PermissionFunctionKey = keyof typeof permissionFunctions;
export const permissionFunctionKeys = Object.keys(permissionFunctions) as PermissionFunctionKey[];
