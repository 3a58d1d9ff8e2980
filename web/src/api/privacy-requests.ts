import { useQuery } from '@tanstack/react-query';
import type { EmployerField } from '../../../common/org.ts';
import type { PrivacyRequestKind, PrivacyRequestStatus, RefusalReason, RequestAction } from '../../../common/privacy-requests.ts';
import { api } from './client';
import type { FreshCodeProof } from './fresh-code';
import { queryKeys } from './query-keys';

/** A request about my personal information (P8.3, P10.1), as the person and the operator both see it. */
export interface PrivacyRequest {
  id: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  details: string | null;
  /** the operator's answer, or the explanation of a refusal */
  response: string | null;
  /** one of the policy's reasons, always set on a refusal */
  refusalReason: RefusalReason | null;
  /** beyond the yearly number of requests of this kind: it may be refused for unreasonable repetition */
  repeated: boolean;
  /** when my identity was verified again: the 15 days run from here */
  verifiedAt: string;
  dueAt: string;
  /** whole days left when the server answered, rounded down; negative when overdue */
  daysLeft: number;
  createdAt: string;
  closedAt: string | null;
  /** what completing it carries out */
  action: RequestAction;
  overdue: boolean;
  /** when the staff were told it is overdue */
  escalatedAt: string | null;
  /** a completed deletion: the signed erasure receipt's reference */
  receiptId: string | null;
  /** a completed access request: the download prepared */
  exportId: string | null;
  /** a completed correction: the request filed with the employer */
  correctionId: string | null;
  routedTo: { id: string; name: string } | null;
  /** the operator's queue, an open correction: the person's employers */
  organisations: Array<{ id: string; name: string }> | null;
}

export interface Completion {
  response?: string;
  correction?: { orgId: string; field: EmployerField; proposedValue: string };
}

type RequestAnswer = { request: PrivacyRequest };
const requestPath = (requestId: string) => encodeURIComponent(requestId);

export function useMyRequests() {
  return useQuery({
    queryKey: queryKeys.myRequests,
    queryFn: () => api.get<{ requests: PrivacyRequest[] }>('/api/me/requests'),
    select: (answer) => answer.requests,
  });
}

/** Made only with a fresh one-time code: the clock starts at that verification. */
export function submitRequest(input: { kind: PrivacyRequestKind; details?: string } & FreshCodeProof) {
  return api.post<RequestAnswer>('/api/me/requests', input).then((answer) => answer.request);
}

export function withdrawRequest(requestId: string) {
  return api.post<void>(`/api/me/requests/${requestPath(requestId)}/withdraw`);
}

/** The operator's queue of one status, the most urgent first (the server orders it by due date). */
export function useOperatorQueue(status: PrivacyRequestStatus) {
  return useQuery({
    queryKey: queryKeys.operatorQueue(status),
    queryFn: () => api.get<{ requests: PrivacyRequest[] }>('/api/operator/requests', { status }),
    select: (answer) => answer.requests,
  });
}

/** Carries out the request's kind (erase, export, route to the employer) or records the written answer. */
export function completeRequest(requestId: string, completion: Completion) {
  return api.post<RequestAnswer>(`/api/operator/requests/${requestPath(requestId)}/complete`, completion).then((answer) => answer.request);
}

export function refuseRequest(requestId: string, reason: RefusalReason, explanation: string) {
  return api.post<RequestAnswer>(`/api/operator/requests/${requestPath(requestId)}/refuse`, { reason, explanation }).then((answer) => answer.request);
}
