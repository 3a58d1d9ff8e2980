import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { addMember, createDepartment, createOrg, invite } from '../../../test/org-fixtures.ts';
import { declaredTables } from '../../data-map.ts';
import { dataCategories } from '../../platform/datamap/categories.ts';
import { ReceiptSigner } from '../../platform/crypto/receipt-signer.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  const owner = await t.signIn('decom.owner@example.com', { name: 'Owner' });
  const orgId = await createOrg(t, owner);
  const department = await createDepartment(t, owner, orgId, 'Sales');
  await addMember(t, owner, orgId, 'decom.member@example.com', { departmentId: department });
  await invite(t, owner, orgId, { name: 'Never Joined', workEmail: 'never.joined@example.com' });
  await t.request({ method: 'POST', url: '/api/crash-reports', payload: { message: 'anonymous crash' } });
});
afterAll(async () => {
  await t.close();
});

describe('decommissioning the service (P6.2)', () => {
  it('erases everyone, empties every table with personal data, destroys every key, keeps the catalogue, and signs a receipt', async () => {
    const { receipt, signature } = await t.services.decommission.run();
    expect(ReceiptSigner.verify(t.services.receiptSigner.publicKeyPem, JSON.stringify(receipt), signature)).toBe(true);
    expect(receipt.accountsErased).toBe(2);
    expect(receipt.kept).toEqual(expect.arrayContaining(['catalog_product', 'catalog_category', 'policy_version']));

    for (const table of declaredTables().filter((spec) => (spec.store ?? 'main') === 'main')) {
      const personal = Object.values(table.columns).some((column) => dataCategories[column.category].personal);
      const rows = await t.platform.database.db.selectFrom(table.name as never).selectAll().execute();
      if (personal) expect(rows, table.name).toEqual([]);
    }
    expect((await t.request({ method: 'GET', url: '/api/catalogue/products' })).json().products.length).toBeGreaterThan(0);
    const liveKeys = await t.platform.keystore.db.selectFrom('data_key').select('id').where('destroyed_at', 'is', null).execute();
    expect(liveKeys).toEqual([]);
  });
});
