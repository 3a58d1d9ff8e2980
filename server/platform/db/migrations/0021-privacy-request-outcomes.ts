import type { MigrationStep } from '../migrate.ts';

/**
 * What completing a request carried out (the erasure's receipt, the prepared download, the
 * correction routed to the employer and which employer), and when an overdue request was
 * escalated to the staff, so it is escalated once. Plain ids, no foreign keys: a receipt, a
 * download and a correction each have a retention of their own and may go before the request.
 */
export const privacyRequestOutcomes: MigrationStep = async (db) => {
  for (const column of ['receipt_id', 'export_id', 'correction_id', 'routed_org_id']) {
    await db.schema.alterTable('privacy_request').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('privacy_request').addColumn('escalated_at', 'bigint').execute();
};
