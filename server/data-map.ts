// Loading every module's tables file registers its declaration; the data map is their union.
import './platform/crypto/keys.tables.ts';
import './platform/jobs/jobs.tables.ts';
import './modules/identity/identity.tables.ts';
import './modules/security/security.tables.ts';
import './modules/catalog/catalog.tables.ts';
import './modules/org/org.tables.ts';
import './modules/privacy/privacy.tables.ts';
import './modules/chat/chat.tables.ts';
import './modules/contacts/contacts.tables.ts';

export { declaredTables } from './platform/datamap/declare.ts';
