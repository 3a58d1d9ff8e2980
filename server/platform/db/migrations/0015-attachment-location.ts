import type { MigrationStep } from '../migrate.ts';

/**
 * The place a photo was taken, sealed, on the attachment that carries it: null unless its sender
 * consented to keep it (`chat.photo_location`, P0.3), which every row from before had not.
 */
export const attachmentLocation: MigrationStep = async (db, types) => {
  await db.schema.alterTable('attachment').addColumn('location_enc', types.bytes).execute();
};
