import { readLocal, writeLocal } from '../platform/local-store';

const storageKey = 'lockstep.orgId';

/** The organisation last opened on this device, so the header switcher starts where the person left off. */
export function rememberedOrgId(): string | null {
  return readLocal(storageKey);
}

export function rememberOrg(orgId: string): void {
  writeLocal(storageKey, orgId);
}
