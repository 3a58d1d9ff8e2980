import { createContext, useContext } from 'react';
import type { Organisation } from '../api/organisations';

/** The organisation the /org/:orgId pages are about, provided once it has loaded. */
export const OrgContext = createContext<Organisation | null>(null);

export function useOrg(): Organisation {
  const org = useContext(OrgContext);
  if (!org) throw new Error('useOrg must be used inside an organisation page');
  return org;
}
