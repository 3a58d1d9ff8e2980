import { devicePermissions, permissionFunctionKeys, type DevicePermission, type PermissionFunctionKey } from '../../../common/permissions.ts';
import type { I18n } from '../i18n/context';

/** "address book" in a sentence; the history may name one this client does not know, shown as sent. */
export function permissionLabel(permission: string, t: I18n['t']): string {
  return (devicePermissions as readonly string[]).includes(permission) ? t(`permission.${permission as DevicePermission}`) : permission;
}

/** The named function a permission is granted for. */
export function functionLabel(functionKey: string, t: I18n['t']): string {
  return (permissionFunctionKeys as readonly string[]).includes(functionKey) ? t(`permissionFunction.${functionKey as PermissionFunctionKey}`) : functionKey;
}

/** "Address book" as a heading: English words start lower-case for use inside sentences. */
export function asHeading(label: string): string {
  return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}
