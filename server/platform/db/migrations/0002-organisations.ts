import { sql } from 'kysely';
import type { MigrationStep } from '../migrate.ts';

export const organisations: MigrationStep = async (db, types) => {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('contact_visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('department')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('department.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('department_org').on('department').columns(['org_id', 'parent_id']).execute();

  await db.schema
    .createTable('attestation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('attested_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('attested_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name_enc', types.bytes, (c) => c.notNull())
    .addColumn('work_email_enc', types.bytes)
    .addColumn('work_email_index', 'text')
    .addColumn('work_phone_enc', types.bytes)
    .addColumn('work_phone_index', 'text')
    .addColumn('work_location_enc', types.bytes)
    .addColumn('position_enc', types.bytes)
    .addColumn('department_id', 'text', (c) => c.references('department.id'))
    .addColumn('supervisor_id', 'text', (c) => c.references('member.id'))
    .addColumn('work_status', 'text', (c) => c.notNull())
    .addColumn('supplied_fields', 'text', (c) => c.notNull())
    .addColumn('supplied_at', 'bigint')
    .addColumn('supplied_by', 'text', (c) => c.references('account.id'))
    .addColumn('attestation_id', 'text', (c) => c.references('attestation.id'))
    .addColumn('invited_at', 'bigint')
    .addColumn('responded_at', 'bigint')
    .addColumn('removed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_org_status').on('member').columns(['org_id', 'status']).execute();
  await db.schema.createIndex('member_account').on('member').columns(['account_id', 'status']).execute();
  // One live invitation or membership per work address in an organisation.
  const live = sql<boolean>`status in ('invited', 'active')`;
  await db.schema.createIndex('member_live_email').on('member').columns(['org_id', 'work_email_index']).unique().where(live).execute();
  await db.schema.createIndex('member_live_phone').on('member').columns(['org_id', 'work_phone_index']).unique().where(live).execute();
  await db.schema.createIndex('member_invite_email').on('member').columns(['work_email_index', 'status']).execute();
  await db.schema.createIndex('member_invite_phone').on('member').columns(['work_phone_index', 'status']).execute();

  await db.schema
    .createTable('correction_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('member.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('proposed_enc', types.bytes, (c) => c.notNull())
    .addColumn('note_enc', types.bytes)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('member.id'))
    .addColumn('decision_reason_enc', types.bytes)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema.createIndex('correction_org_status').on('correction_request').columns(['org_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('org_audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('actor_member_id', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_member_id', 'text', (c) => c.references('member.id'))
    .addColumn('target_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_audit_time').on('org_audit_event').columns(['org_id', 'occurred_at']).execute();

  await db.schema
    .createTable('invitation_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('started_by', 'text', (c) => c.notNull().references('member.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull())
    .addColumn('invited', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
};
