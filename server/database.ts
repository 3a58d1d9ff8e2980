import type { IdentityTables } from './modules/identity/identity.tables.ts';
import type { SecurityTables } from './modules/security/security.tables.ts';
import type { CatalogTables } from './modules/catalog/catalog.tables.ts';
import type { OrgTables } from './modules/org/org.tables.ts';
import type { PrivacyTables } from './modules/privacy/privacy.tables.ts';
import type { ChatTables } from './modules/chat/chat.tables.ts';
import type { ContactTables } from './modules/contacts/contacts.tables.ts';
import type { JobTables } from './platform/jobs/jobs.tables.ts';

/** The whole schema as the query layer sees it, composed from each module's data-map declaration. */
export interface Database extends IdentityTables, SecurityTables, CatalogTables, OrgTables, PrivacyTables, ChatTables, ContactTables, JobTables {}
