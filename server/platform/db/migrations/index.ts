import type { MigrationStep } from '../migrate.ts';
import { foundation } from './0001-foundation.ts';
import { organisations } from './0002-organisations.ts';
import { erasureReceipts } from './0003-erasure-receipts.ts';
import { signInBinding } from './0004-sign-in-binding.ts';
import { jobsAndCancellation } from './0005-jobs-and-cancellation.ts';
import { policyVersions } from './0006-policy-versions.ts';
import { privacyRequests } from './0007-privacy-requests.ts';
import { guardianConsent } from './0008-guardian-consent.ts';
import { consentEvents } from './0009-consent-events.ts';
import { messaging } from './0010-messaging.ts';
import { dataExports } from './0011-data-exports.ts';
import { guardianCodeSent } from './0012-guardian-code-sent.ts';
import { attachments } from './0013-attachments.ts';
import { messageSearchDocuments } from './0014-message-search-documents.ts';
import { attachmentLocation } from './0015-attachment-location.ts';
import { groupAvatars } from './0016-group-avatars.ts';
import { contacts } from './0017-contacts.ts';
import { messageSenderIndex } from './0018-message-sender-index.ts';
import { policyAcceptanceOccasion } from './0019-policy-acceptance-occasion.ts';
import { sealedUserAgents } from './0020-sealed-user-agents.ts';
import { privacyRequestOutcomes } from './0021-privacy-request-outcomes.ts';
import { searchUnderSenderKeys } from './0022-search-under-sender-keys.ts';
import { oneOpenCode } from './0023-one-open-code.ts';

/** In order of application; never edit one that has shipped: add the next. */
export const migrations: Record<string, MigrationStep> = {
  '0001-foundation': foundation,
  '0002-organisations': organisations,
  '0003-erasure-receipts': erasureReceipts,
  '0004-sign-in-binding': signInBinding,
  '0005-jobs-and-cancellation': jobsAndCancellation,
  '0006-policy-versions': policyVersions,
  '0007-privacy-requests': privacyRequests,
  '0008-guardian-consent': guardianConsent,
  '0009-consent-events': consentEvents,
  '0010-messaging': messaging,
  '0011-data-exports': dataExports,
  '0012-guardian-code-sent': guardianCodeSent,
  '0013-attachments': attachments,
  '0014-message-search-documents': messageSearchDocuments,
  '0015-attachment-location': attachmentLocation,
  '0016-group-avatars': groupAvatars,
  '0017-contacts': contacts,
  '0018-message-sender-index': messageSenderIndex,
  '0019-policy-acceptance-occasion': policyAcceptanceOccasion,
  '0020-sealed-user-agents': sealedUserAgents,
  '0021-privacy-request-outcomes': privacyRequestOutcomes,
  '0022-search-under-sender-keys': searchUnderSenderKeys,
  '0023-one-open-code': oneOpenCode,
};
