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
} as const satisfies Record<string, PermissionFunction>;

export type PermissionFunctionKey = keyof typeof permissionFunctions;
export const permissionFunctionKeys = Object.keys(permissionFunctions) as PermissionFunctionKey[];
