import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { declaredTables } from '../../data-map.ts';
import { BlindIndex, SWITCH_MS } from '../../platform/crypto/blind-index.ts';
import { CONTACT_INDEXES, SETTLE_MS } from './contact-index-rotation.ts';

/**
 * The blind-index rotation after an erasure (decision 0016): every lookup finds its row at every
 * step, sign-ins at once included, and in the end no live row is under the old key, which is gone.
 */
let t: TestPlatform;
const people = Array.from({ length: 12 }, (_, index) => `rotation.person.${index}@example.com`);

beforeAll(async () => {
  t = await startTestPlatform({ OTP_RESEND_COOLDOWN_SECONDS: '0' });
  for (const email of people) await t.signIn(email, { name: 'Rotation Person' });
});

afterAll(async () => {
  await t.close();
});

async function everyoneFound(): Promise<void> {
  for (const email of people) expect(await t.services.accounts.findByIdentifier({ channel: 'email', value: email }), email).toBeDefined();
}

describe('contact index rotation', () => {
  it('names every column holding an email or phone index', () => {
    const declared = declaredTables()
      .flatMap((table) => Object.entries(table.columns).map(([name, column]) => ({ table: table.name, name, category: column.category })))
      .filter((column) => column.name.endsWith('_index') && column.category.startsWith('user.contact') || column.category === 'user.guardian' && column.name.endsWith('_index'))
      .map((column) => `${column.table}.${column.name}`)
      .sort();
    expect(CONTACT_INDEXES.map((column) => `${column.table}.${column.index}`).sort()).toEqual(declared);
  });

  it('keeps every lookup right through a rotation, under concurrent sign-ins, and destroys the old key', async () => {
    const leaving = await t.signIn('rotation.leaving@example.com', { name: 'Leaving' });
    await t.services.erasure.erase(leaving.accountId);
    const [before] = await t.services.blindIndex.epochs(true);
    expect(await t.services.contactIndexRotation.step()).toBe('started');
    await everyoneFound();

    // before the switch: rows stay under the old epoch, sign-ins still work, and write the old one
    expect(await t.services.contactIndexRotation.step()).toBe('waiting');
    await Promise.all(people.slice(0, 4).map((email) => t.signIn(email)));
    t.clock.advance(SWITCH_MS);
    // after the switch: sign-ins at once while the job re-indexes
    const [signIns, moved] = await Promise.all([Promise.all(people.slice(4).map((email) => t.signIn(email))), t.services.contactIndexRotation.step()]);
    expect(signIns).toHaveLength(people.length - 4);
    expect(moved).toBe('reindexed');
    await everyoneFound();

    let step = await t.services.contactIndexRotation.step();
    while (step === 'reindexed') step = await t.services.contactIndexRotation.step();
    if (step === 'waiting') {
      // settling: nothing left to move, the old key kept until a write computed before the switch cannot arrive
      expect((await t.platform.keystore.db.selectFrom('data_key').select('destroyed_at').where('id', '=', before!.keyId).executeTakeFirstOrThrow()).destroyed_at).toBeNull();
      t.clock.advance(SETTLE_MS);
      step = await t.services.contactIndexRotation.step();
    }
    expect(step).toBe('retired');
    const old = await t.platform.keystore.db.selectFrom('data_key').selectAll().where('id', '=', before!.keyId).executeTakeFirstOrThrow();
    expect(old.destroyed_at).not.toBeNull();
    expect(Buffer.from(old.wrapped).length).toBe(0);
    expect(await t.services.contactIndexRotation.step()).toBe('idle');

    const [after] = await t.services.blindIndex.epochs(true);
    const prefix = BlindIndex.prefixOf(after!.number);
    for (const column of CONTACT_INDEXES) {
      const values = (await t.services.db.selectFrom(column.table as never).select(`${column.index} as value` as never).execute()) as Array<{ value: string | null }>;
      for (const { value } of values) if (value !== null) expect(value.startsWith(prefix), `${column.table}.${column.index}`).toBe(true);
    }
    await everyoneFound();
    // and signing in works under the new epoch alone
    await t.signIn(people[0]!);
  });
});
