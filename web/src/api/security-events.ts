import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export const securityEventTypes = [
  'otp.requested',
  'sign_in.succeeded',
  'sign_in.failed',
  'session.started',
  'session.ended',
  'profile.changed',
  'device.new',
  'account.cancellation_requested',
  'account.restored',
] as const;
export type SecurityEventType = (typeof securityEventTypes)[number];

export interface SecurityEvent {
  id: string;
  /** a string, not SecurityEventType: a newer server may log kinds this client does not know yet */
  type: string;
  occurredAt: string;
  ipMasked: string;
  browser: string;
  os: string;
  timeZone: string;
  language: string;
  place: string;
}

export function isKnownEventType(type: string): type is SecurityEventType {
  return (securityEventTypes as readonly string[]).includes(type);
}

export function useSecurityEvents() {
  return useQuery({
    queryKey: queryKeys.securityEvents,
    queryFn: () => api.get<{ events: SecurityEvent[] }>('/api/security-events'),
    select: (answer) => answer.events,
  });
}
