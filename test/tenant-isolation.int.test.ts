/**
 * Tenant isolation, driven by the OpenAPI document: every operation with an id in its path, query
 * or body is called by the owner of organisation B with (1) organisation A's ids and other
 * people's ids, (2) a random id that exists nowhere and (3) ids of B's deleted, removed,
 * withdrawn or ended objects. (1) and (3) must be answered exactly like (2), leak nothing of A, and
 * change nothing. A new endpoint is covered automatically: an id the suite has no fixture for, or
 * a body it has no example of, fails the suite naming the operation (see isolation/catalogue.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from './harness.ts';
import { examples, kindOf, missingAnswerCodes, publicKinds, valueBorneIds, type Kind } from './isolation/catalogue.ts';
import { operationsOf, paramKey, type Operation, type Param } from './isolation/openapi.ts';
import { answerOf, errorCode, requestFor, short, type Answer, type Values } from './isolation/requests.ts';
import { buildWorld, type Sample, type World } from './isolation/world.ts';

const t = await startTestPlatform({ OTP_IP_REQUESTS_PER_HOUR: '1000' });
const operations = operationsOf((await t.request({ method: 'GET', url: '/api/openapi.json' })).json());
const idOperations = operations.filter((operation) => operation.idParams.length > 0);

let world: World;
let aBefore: unknown;
let securityLogsBefore: unknown;
const covered = new Set<string>();
let requestCount = 0;

beforeAll(async () => {
  world = await buildWorld(t);
  aBefore = await world.snapshotA();
  securityLogsBefore = await world.snapshotSecurityLogs();
});

afterAll(async () => {
  await t.close();
});

async function send(operation: Operation, values: Values, bodyOverride?: Record<string, unknown>): Promise<Answer> {
  requestCount++;
  return answerOf(await t.request({ ...requestFor(operation, values, bodyOverride), session: world.caller }));
}

/** What keeps an operation from being checked: each problem names what to add to the catalogue or the world. */
function coverageProblems(operation: Operation): string[] {
  const problems: string[] = [];
  const example = examples[operation.key];
  if (operation.hasBody && !example?.json && !example?.raw) problems.push(`${operation.key}: no example body in isolation/catalogue.ts`);
  for (const param of operation.params.filter((p) => !operation.idParams.includes(p) && p.required && p.in !== 'body')) {
    if (example?.params?.[param.name] === undefined) problems.push(`${operation.key}: no example value for ${paramKey(param)}`);
  }
  for (const param of operation.idParams) {
    const kind = kindOf(param, operation.path);
    if (!kind) {
      problems.push(`${operation.key}: no fixture kind for ${paramKey(param)} (add a rule in isolation/catalogue.ts and objects in isolation/world.ts)`);
      continue;
    }
    const values = world.kinds[kind];
    if (values.foreign.length === 0 && !publicKinds.has(kind)) problems.push(`${operation.key}: no foreign ${kind} to try as ${paramKey(param)}`);
    if (operation.idParams.length > 1 && values.valid === undefined) problems.push(`${operation.key}: no valid B ${kind} for ${paramKey(param)}`);
    if (operation.idParams.length > 1 && kind !== 'organisation' && operation.idParams.some((p) => p.name === 'orgId') && values.aPrimary === undefined) {
      problems.push(`${operation.key}: no A ${kind} for ${paramKey(param)}`);
    }
  }
  return problems;
}

async function checkOperation(operation: Operation): Promise<{ problems: string[]; failures: string[] }> {
  const problems = coverageProblems(operation);
  if (problems.length) return { problems, failures: [] };
  const failures: string[] = [];
  const kindOfParam = (param: Param) => kindOf(param, operation.path) as Kind;
  const valuesFrom = (pick: (kind: Kind) => string | undefined): Values =>
    Object.fromEntries(operation.idParams.map((param) => [paramKey(param), pick(kindOfParam(param))]));
  const bValues = valuesFrom((kind) => world.kinds[kind].valid);
  const aValues = valuesFrom((kind) => world.kinds[kind].aPrimary ?? world.kinds[kind].valid);

  /** (2) is the reference; (1) and (3) must equal it and leak nothing */
  const attack = async (label: string, kind: Kind, others: Values, key: string, samples: Sample[], bodyFor?: (id: string) => Record<string, unknown>) => {
    const call = (id: string) => (bodyFor ? send(operation, others, bodyFor(id)) : send(operation, { ...others, [key]: id }));
    const missing = await call(randomUUID());
    const code = errorCode(missing);
    if (missing.status !== 404 && !(code && missingAnswerCodes[kind]?.includes(code))) {
      failures.push(`${label} = a random id: ${short(missing)} is not a "not found" answer, so the request never reached the lookup (fix the example or fixture)`);
      return;
    }
    for (const sample of samples) {
      const answer = await call(sample.id);
      if (answer.status !== missing.status || answer.contentType !== missing.contentType || answer.body !== missing.body) {
        failures.push(`${label} = ${sample.label}: ${short(answer)}\n    but a random id gets ${short(missing)}`);
      }
      const leaked = world.foreignSecrets.filter((secret) => answer.everything.includes(secret));
      if (leaked.length) failures.push(`${label} = ${sample.label}: the answer contains ${leaked.map((s) => JSON.stringify(s)).join(', ')}`);
    }
  };

  for (const param of operation.idParams) {
    const kind = kindOfParam(param);
    const key = paramKey(param);
    const { foreign, deleted } = world.kinds[kind];
    if (kind === 'organisation') {
      // B's owner is no member of A: A's organisation with everything else from A, and with everything else from B
      await attack(`${key} (other ids from A)`, kind, aValues, key, [...foreign, ...deleted]);
      if (operation.idParams.length > 1) await attack(`${key} (other ids from B)`, kind, bValues, key, [...foreign, ...deleted]);
    } else {
      await attack(key, kind, bValues, key, [...foreign, ...deleted]);
    }
  }
  for (const borne of valueBorneIds.filter((entry) => entry.operation === operation.key)) {
    const { foreign, deleted } = world.kinds[borne.kind];
    await attack(borne.label, borne.kind, bValues, '', [...foreign, ...deleted], borne.body);
  }
  // The control: with B's own ids the request succeeds, so the ids above were the only thing wrong.
  // Only for reads and idempotent edits; the other writes would consume B's fixtures.
  if (operation.method === 'GET' || operation.method === 'PATCH') {
    const answer = await send(operation, bValues);
    if (answer.status >= 300) failures.push(`control with B’s own ids failed: ${short(answer)} (fix the example or fixture)`);
  }
  return { problems, failures };
}

describe('tenant isolation, driven by /api/openapi.json', () => {
  for (const operation of idOperations) {
    it(`${operation.key} [${operation.idParams.map(paramKey).join(', ')}]`, async () => {
      const { problems, failures } = await checkOperation(operation);
      expect(problems, `not covered:\n${problems.join('\n')}`).toEqual([]);
      covered.add(operation.key);
      expect(failures, `${operation.key} tells organisation B more than "not found":\n${failures.join('\n')}`).toEqual([]);
    });
  }

  it('covered every id-bearing operation of the document', () => {
    console.log(`tenant isolation: ${covered.size} id-bearing operations covered, ${requestCount} requests`);
    // the document really is the API: the organisation routes are in it
    expect(operations.length).toBeGreaterThan(30);
    expect(idOperations.map((operation) => operation.key)).toContain('DELETE /api/orgs/{orgId}/members/{memberId}');
    const skipped = idOperations.filter((operation) => !covered.has(operation.key)).map((operation) => operation.key);
    expect(skipped, 'id-bearing operations not covered').toEqual([]);
  });

  it('changed nothing in organisation A, nor other people’s sessions and notices', async () => {
    expect(await world.snapshotA()).toEqual(aBefore);
  });

  it('wrote nothing into other people’s security logs', async () => {
    expect(await world.snapshotSecurityLogs()).toEqual(securityLogsBefore);
  });
});
