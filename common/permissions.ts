import type { Localised } from './locale.ts';

/** Device permissions the policy names (P0.3): all off by default, each granted for a named function only. */
export const devicePermissions = ['address_book', 'location', 'camera', 'microphone', 'photo_album'] as const;
export type DevicePermission = (typeof devicePermissions)[number];

export interface PermissionFunction {
  permission: DevicePermission;
  purpose: Localised;
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
  },
  'chat.photo_location': {
    permission: 'location',
    purpose: {
      'zh-CN': '在聊天中发送照片时保留其拍摄地点（经纬度与海拔），让会话中的成员能看到。未开启时，您发送的每张照片都会去除拍摄地点。关闭只影响此后发送的照片；已发送的照片如需去除地点，请撤回该消息。',
      en: 'Keep the place a photo was taken (latitude, longitude and altitude) when you send it in a chat, so the people in the chat can see it. Without this, the place is removed from every photo you send. Turning it off applies to the photos you send afterwards; to remove the place from a photo already sent, recall its message.',
    },
  },
} as const satisfies Record<string, PermissionFunction>;

export type PermissionFunctionKey = keyof typeof permissionFunctions;
export const permissionFunctionKeys = Object.keys(permissionFunctions) as PermissionFunctionKey[];
