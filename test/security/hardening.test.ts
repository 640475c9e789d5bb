import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { actorIdOfKey, bearer, codesOf, post, upstreamCalls, type Answer } from './support';

/** Hostile documents get a 4xx and a clear code, never a 500, and the gateway keeps serving. */
const LIMITS = { ORGQL_MAX_DEPTH: '6', ORGQL_MAX_ALIASES: '3', ORGQL_MAX_TOKENS: '300', ORGQL_MAX_COST: '100', ORGQL_MAX_DIRECTIVES: '3' };

/** OUs nested `levels` deep below the root: depth levels + 2 (roots, organizationalUnits..., id). */
const nestedOus = (levels: number) => `{ roots { ${'organizationalUnits { '.repeat(levels)}id${' }'.repeat(levels)} } }`;

function expectRefused(answer: Answer, code: string, message: RegExp) {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.body.data ?? undefined).toBeUndefined();
  expect(codesOf(answer)).toContain(code);
  expect(answer.body.errors!.map((e) => e.message).join('\n')).toMatch(message);
  expect(answer.text).not.toMatch(/stacktrace|\n\s+at /);
}

describe('query limits (graphql-armor and the parser token limit)', () => {
  let t: TestGateway;
  const send = (query: string, variables?: Record<string, unknown>) => post(t.gateway.graphqlUrl, bearer(t.adminKey), query, variables);
  beforeAll(async () => {
    t = await startTestGateway(LIMITS);
  });
  afterAll(() => t.close());

  it('answers a query within every limit', async () => {
    const answer = await send(nestedOus(2));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('refuses a query deeper than ORGQL_MAX_DEPTH with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const before = await upstreamCalls(t.gateway.emulatorUrl);
    expectRefused(await send(nestedOus(8)), 'GRAPHQL_VALIDATION_FAILED', /depth/i);
    expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);
  });

  it('counts depth through fragments too', async () => {
    const query = `{ roots { ...A } }
      fragment A on Root { organizationalUnits { ...B } }
      fragment B on OrganizationalUnit { organizationalUnits { organizationalUnits { organizationalUnits { organizationalUnits { organizationalUnits { id } } } } } }`;
    expectRefused(await send(query), 'GRAPHQL_VALIDATION_FAILED', /depth/i);
  });

  it('refuses a fragment that spreads itself without crashing', async () => {
    const answer = await send('{ ...Loop } fragment Loop on Query { roots { id } ...Loop }');
    expect(answer.status).toBe(400);
    expect(codesOf(answer)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses more aliases than ORGQL_MAX_ALIASES with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const query = `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: organization { id }`).join(' ')} }`;
    expectRefused(await send(query), 'GRAPHQL_VALIDATION_FAILED', /alias/i);
  });

  it('refuses more directives than ORGQL_MAX_DIRECTIVES with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    expectRefused(await send(`{ organization { id ${'@include(if: true) '.repeat(6)} } }`), 'GRAPHQL_VALIDATION_FAILED', /directive/i);
  });

  it('refuses a document with more tokens than ORGQL_MAX_TOKENS with 400 GRAPHQL_PARSE_FAILED', async () => {
    // Comments are not tokens; field names are. 400 names, all valid, none repeated as aliases.
    const query = `{ organization { ${'id '.repeat(400)}} }`;
    const answer = await send(query);
    expectRefused(answer, 'GRAPHQL_PARSE_FAILED', /token/i);
  });

  it('refuses a query more expensive than ORGQL_MAX_COST with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    // Wide rather than deep: 60 fields on nested lists stay within the depth, alias and token limits.
    const query = `{ roots { organizationalUnits { organizationalUnits { ${'id arn name '.repeat(20)}} } } }`;
    expectRefused(await send(query), 'GRAPHQL_VALIDATION_FAILED', /cost/i);
  });

  it('refuses a batch (an array body) with a 4xx', async () => {
    const response = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...t.auth },
      body: JSON.stringify(Array.from({ length: 50 }, () => ({ query: '{ organization { id } }' }))),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await response.text();
  });

  it.each([
    [
      'in a variable',
      async (depth: number) => {
        // Written by hand: JSON.stringify itself overflows on such a value.
        const body = `{"query":"query($c: JSON!) { validatePolicy(type: TAG_POLICY, content: $c) { valid } }","variables":{"c":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
        const response = await fetch(t.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...t.auth }, body });
        return { status: response.status, text: await response.text() };
      },
    ],
    ['as a literal', (depth: number) => send(`{ validatePolicy(type: TAG_POLICY, content: ${'['.repeat(depth)}${']'.repeat(depth)}) { valid } }`)],
  ])('answers a JSON argument nested 50,000 levels deep %s with a 4xx, not a crash', async (_name, sendNested) => {
    const before = await upstreamCalls(t.gateway.emulatorUrl);
    const answer = await sendNested(50_000);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);
  });

  it('keeps answering after all of that', async () => {
    expect((await send('{ organization { id } }')).body.data).toEqual({ organization: { id: 'o-orgqldemo01' } });
  });
});

describe('request body size', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const big = (bytes: number) =>
    JSON.stringify({ query: 'mutation($c: JSON!) { validatePolicy(type: TAG_POLICY, content: $c) { valid } }', variables: { c: { blob: 'x'.repeat(bytes) } } });

  it('refuses a body over 1 MiB with 413, audits nothing and calls nothing upstream', async () => {
    const before = await upstreamCalls(t.gateway.emulatorUrl);
    const audit = await t.gateway.database.prisma.auditEvent.count();
    const response = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...t.auth },
      body: big(1024 * 1024 + 10),
    });
    expect(response.status).toBe(413);
    await response.text();
    expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);
    expect(await t.gateway.database.prisma.auditEvent.count()).toBe(audit);
  });

  it('accepts a body just under 1 MiB', async () => {
    const body = JSON.stringify({ query: `{ organization { id } } #${'x'.repeat(1024 * 1024 - 200)}` });
    expect(body.length).toBeLessThan(1024 * 1024);
    const response = await fetch(t.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...t.auth }, body });
    expect(response.status).toBe(200);
    await response.text();
  });

  it('answers 401, not 413, to an oversized body without credentials (nothing is read first)', async () => {
    const response = await fetch(t.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big(2 * 1024 * 1024) });
    expect(response.status).toBe(401);
    await response.text();
  });

  it('still shuts down promptly after an unauthenticated client sent an oversized body', async () => {
    const other = await startTestGateway();
    const response = await fetch(other.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big(2 * 1024 * 1024) });
    expect(response.status).toBe(401);
    await response.text();
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('in production (NODE_ENV=production)', () => {
  let t: TestGateway;
  const send = (query: string, variables?: Record<string, unknown>) => post(t.gateway.graphqlUrl, bearer(t.adminKey), query, variables);
  beforeAll(async () => {
    t = await startTestGateway({ NODE_ENV: 'production' });
  });
  afterAll(() => t.close());

  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Query") { fields { name } } }'],
    ['__schema behind an alias and a fragment', '{ s: __schema { ...T } } fragment T on __Schema { queryType { name } }'],
  ])('refuses introspection (%s) with 400 GRAPHQL_VALIDATION_FAILED', async (_name, query) => {
    const answer = await send(query);
    expect(answer.status).toBe(400);
    expect(codesOf(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.text).not.toMatch(/"fields"|"types"/);
  });

  it('still answers __typename', async () => {
    expect((await send('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it.each<[string, string, Record<string, unknown> | undefined]>([
    ['a misspelt field', '{ organizaton { id } }', undefined],
    ['a misspelt nested field', '{ organization { managementAcountId } }', undefined],
    ['a misspelt argument', '{ policy(idd: "p-aioptoutall") { id } }', undefined],
    ['a misspelt enum value', '{ policies(type: TAG_POLICE) { totalCount } }', undefined],
    ['a misspelt enum value in a variable', 'query($t: PolicyType!) { policies(type: $t) { totalCount } }', { t: 'TAG_POLICE' }],
    ['a misspelt input field', 'mutation { createPolicy(input: { nmae: "x", name: "y", type: TAG_POLICY, content: {} }) { auditEventId } }', undefined],
    [
      'a misspelt input field in a variable',
      'mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { auditEventId } }',
      { i: { nmae: 'x', name: 'y', type: 'BACKUP_POLICY', content: {} } },
    ],
    ['a misspelt type condition', '{ node(id: "r-demo") { ... on Rot { id } } }', undefined],
  ])('does not suggest schema names for %s', async (_name, query, variables) => {
    const answer = await send(query, variables);
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/Did you mean/i);
    expect(answer.text).not.toMatch(/organization"|managementAccountId|TAG_POLICY|"Root"/);
  });

  it('masks errors: no stack traces, file paths or SQL in any error answer', async () => {
    const answers = await Promise.all([
      send('{ organization { id '),
      send('{ nope }'),
      send('query($id: ID!) { policy(id: $id) { id } }', { id: { not: 'an id' } }),
      send('{ policy(id: "p-doesnotexist1") { id } }'),
      send('{ account(id: "not-an-account") { id } }'),
      send('{ effectivePolicy(accountId: "444444444444", type: SERVICE_CONTROL_POLICY) { content } }'),
      send('mutation { updatePolicy(input: { id: "p-aioptoutall", content: "{not json" }) { auditEventId } }'),
      send('{ auditEvent(id: "not-a-uuid") { id } }'),
      send('{ auditEvents(first: -5) { totalCount } }'),
      send('{ auditEvents(after: "\'; DROP TABLE audit_event; --") { totalCount } }'),
      send('{ accounts(first: 999999999, after: "garbage") { totalCount } }'),
    ]);
    expect(answers.filter((a) => (a.body.errors ?? []).length > 0).length).toBeGreaterThanOrEqual(answers.length - 1);
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      for (const error of answer.body.errors ?? []) expect(error.extensions?.stacktrace).toBeUndefined();
      expect(answer.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|prisma|SELECT |INSERT |relation "|PrismaClient/i);
    }
  });

  it('does not reveal which keys exist in its 401 answers', async () => {
    const unknown = await post(t.gateway.graphqlUrl, `Bearer orgql_0123456789abcdef_${'A'.repeat(43)}`, '{ organization { id } }');
    const tampered = await post(t.gateway.graphqlUrl, bearer(t.adminKey.slice(0, -1) + (t.adminKey.endsWith('A') ? 'B' : 'A')), '{ organization { id } }');
    expect(unknown.status).toBe(401);
    expect(tampered.status).toBe(401);
    expect(tampered.body).toEqual(unknown.body);
  });
});

describe('in production with ORGQL_INTROSPECTION=true', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ NODE_ENV: 'production', ORGQL_INTROSPECTION: 'true' });
  });
  afterAll(() => t.close());

  it('answers introspection', async () => {
    const answer = await post(t.gateway.graphqlUrl, bearer(t.adminKey), '{ __schema { queryType { name } mutationType { name } } }');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } } });
  });

  it('still requires a key for introspection', async () => {
    const answer = await post(t.gateway.graphqlUrl, undefined, '{ __schema { queryType { name } } }');
    expect(answer.status).toBe(401);
  });
});

describe('outside production (introspection on by default)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('answers introspection and suggests field names', async () => {
    const schema = await post(t.gateway.graphqlUrl, bearer(t.adminKey), '{ __schema { queryType { name } } }');
    expect(schema.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await post(t.gateway.graphqlUrl, bearer(t.adminKey), '{ organizaton { id } }');
    expect(typo.text).toMatch(/Did you mean/);
  });

  it('refuses introspection when ORGQL_INTROSPECTION=false, without suggestions', async () => {
    const off = await startTestGateway({ ORGQL_INTROSPECTION: 'false' });
    try {
      const schema = await post(off.gateway.graphqlUrl, bearer(off.adminKey), '{ __schema { queryType { name } } }');
      expect(schema.status).toBe(400);
      const typo = await post(off.gateway.graphqlUrl, bearer(off.adminKey), '{ organizaton { id } }');
      expect(typo.text).not.toMatch(/Did you mean/);
    } finally {
      await off.close();
    }
  });
});

describe('the per-identity mutation rate limit (1 per minute, burst 2)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ ORGQL_MUTATION_RATE_PER_MINUTE: '1', ORGQL_MUTATION_BURST: '2' });
  });
  afterAll(() => t.close());

  const tag = (n: number) => `mutation { tagResource(resourceId: "444444444444", tags: [{ key: "rate", value: "${n}" }]) { auditEventId } }`;

  it('answers the third mutation with 429, Retry-After and RATE_LIMITED, audits it and sends nothing upstream', async () => {
    const key = await t.keyFor('editor', 'rate-limited-editor');
    const send = (n: number) => post(t.gateway.graphqlUrl, bearer(key), tag(n));
    expect((await send(1)).status).toBe(200);
    expect((await send(2)).status).toBe(200);

    const before = await upstreamCalls(t.gateway.emulatorUrl);
    const third = await send(3);
    expect(third.status).toBe(429);
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(third.body.errors).toEqual([
      expect.objectContaining({ path: ['tagResource'], extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }),
    ]);
    expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);

    const rows = await t.gateway.database.prisma.auditEvent.findMany({ where: { actorId: actorIdOfKey(key), kind: 'RESULT' }, orderBy: { sequence: 'asc' } });
    expect(rows.map((r) => [r.outcome, r.errorCode])).toEqual([
      ['SUCCEEDED', null],
      ['SUCCEEDED', null],
      ['FAILED', 'RATE_LIMITED'],
    ]);
  });

  it('limits each identity on its own', async () => {
    const other = await t.keyFor('editor', 'rate-other-editor');
    expect((await post(t.gateway.graphqlUrl, bearer(other), tag(10))).status).toBe(200);
  });

  it('does not limit queries', async () => {
    const key = await t.keyFor('editor', 'rate-querying-editor');
    for (let n = 0; n < 3; n += 1) await post(t.gateway.graphqlUrl, bearer(key), tag(20 + n));
    const answers = await Promise.all(Array.from({ length: 25 }, () => post(t.gateway.graphqlUrl, bearer(key), '{ organization { id } }')));
    expect(answers.map((a) => a.status)).toEqual(Array(25).fill(200));
  });

  it("counts a viewer's refused attempts against its limit: FORBIDDEN within the burst, RATE_LIMITED after it", async () => {
    const viewer = await t.keyFor('viewer', 'rate-viewer');
    const answers = [];
    for (let n = 0; n < 4; n += 1) answers.push(await post(t.gateway.graphqlUrl, bearer(viewer), tag(30 + n)));
    expect(answers.map((a) => [a.status, codesOf(a)[0]])).toEqual([
      [200, 'FORBIDDEN'],
      [200, 'FORBIDDEN'],
      [429, 'RATE_LIMITED'],
      [429, 'RATE_LIMITED'],
    ]);
  });
});
