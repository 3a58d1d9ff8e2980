/** Requests a person makes about their personal information (P8.3, P10.1). */
export const privacyRequestKinds = ['access', 'correction', 'deletion', 'withdraw_consent', 'objection', 'other'] as const;
export type PrivacyRequestKind = (typeof privacyRequestKinds)[number];

export const privacyRequestStatuses = ['open', 'completed', 'refused', 'withdrawn'] as const;
export type PrivacyRequestStatus = (typeof privacyRequestStatuses)[number];

/**
 * What completing a request carries out: a deletion erases the person (with a signed receipt), an
 * access request prepares their download, a correction goes to the employer's correction queue
 * (P8.2) or, with no employer to go to, is answered in writing; the other kinds cannot be carried
 * out by the system and are answered in writing by the operator.
 */
export const requestActions = ['erase', 'export', 'route', 'answer'] as const;
export type RequestAction = (typeof requestActions)[number];
export const requestActionOf: Record<PrivacyRequestKind, RequestAction> = {
  deletion: 'erase',
  access: 'export',
  correction: 'route',
  withdraw_consent: 'answer',
  objection: 'answer',
  other: 'answer',
};

/** The only reasons the policy allows for refusing a request (section 10); one is always named. */
export const refusalReasons = ['unrelated_to_identity', 'unreasonable_repetition', 'excessive_technical_means', 'risk_to_others', 'unrealistic'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** Days to answer, counted from the moment the person's identity was verified again (P10.1). */
export const REQUEST_ANSWER_DAYS = 15;
