import type { GraphQLSchema } from 'graphql';
import { validatePolicy } from '../../../src/domain/policy';
import type { PolicyType } from '../../../src/domain/policy-type';
import { caseSeed, Rng } from './prng';
import { argumentValues, buildOperation, rootFields, selectionFor, type RootField } from './operations';
import { hostileString, invalidId, RawJson, stringifyBody, INJECTION_STRINGS, KNOWN_IDS, malformedPolicyContent, UNICODE_STRINGS } from './values';

export type Caller = 'admin' | 'editor' | 'viewer' | 'auditor' | 'none' | 'bad-key';
export type Keys = Readonly<Record<'admin' | 'editor' | 'viewer' | 'auditor', string>>;

export interface GraphQLPayload {
  readonly query: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

export interface FuzzCase {
  readonly index: number;
  readonly category: string;
  readonly labels: string[];
  readonly caller: Caller;
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  /** Set when the request is an ordinary GraphQL request (POST JSON, or GET with the preflight header): the oracle checks it locally. */
  readonly graphql: GraphQLPayload | undefined;
  /**
   * The input is invalid in a way orgql must notice itself (malformed policy document): whatever
   * the outcome, no change may be sent upstream.
   */
  readonly invalidInput: boolean;
  /** Probes a limit (depth, aliases, tokens, cost, directives): the server may refuse what graphql-js alone accepts. */
  readonly limitProbe: boolean;
}

export const POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
  'BEDROCK_POLICY',
  'S3_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
] as const;

interface Draft {
  category: string;
  labels?: string[];
  caller?: Caller;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** A JSON body (stringified) unless rawBody is given. */
  json?: unknown;
  rawBody?: string;
  graphql?: GraphQLPayload;
  invalidInput?: boolean;
  limitProbe?: boolean;
}

export class CaseFactory {
  private readonly fields: RootField[];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly keys: Keys,
    private readonly runSeed: number,
  ) {
    this.fields = rootFields(schema);
  }

  make(index: number): FuzzCase {
    const rng = new Rng(caseSeed(this.runSeed, index));
    const draft = rng.weighted<() => Draft>([
      [28, () => this.schemaOperation(rng, 'hostile')],
      [14, () => this.schemaOperation(rng, 'wrong-type')],
      [16, () => this.policyDocument(rng)],
      [16, () => this.malformedGraphQL(rng)],
      [10, () => this.http(rng)],
      [10, () => this.authentication(rng)],
      [6, () => this.invalidIds(rng)],
    ])();
    return this.finish(index, rng, draft);
  }

  private finish(index: number, rng: Rng, draft: Draft): FuzzCase {
    const caller =
      draft.caller ??
      rng.weighted<Caller>([
        [85, 'admin'],
        [6, 'editor'],
        [4, 'viewer'],
        [3, 'auditor'],
        [1, 'none'],
        [1, 'bad-key'],
      ]);
    const headers: Record<string, string> = { ...draft.headers };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
      if (caller === 'bad-key') headers.authorization = `Bearer ${badKey(rng, this.keys.admin)}`;
      else if (caller !== 'none') headers.authorization = `Bearer ${this.keys[caller]}`;
    }
    const method = draft.method ?? 'POST';
    let body = draft.rawBody;
    if (body === undefined && draft.json !== undefined) body = stringifyBody(draft.json);
    if (body === undefined && draft.graphql && method === 'POST') body = stringifyBody(draft.graphql);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    return {
      index,
      category: draft.category,
      labels: draft.labels ?? [],
      caller,
      method,
      path: draft.path ?? '/graphql',
      headers,
      body,
      graphql: draft.graphql,
      invalidInput: draft.invalidInput ?? false,
      limitProbe: draft.limitProbe ?? false,
    };
  }

  /** Any root field of the schema, its arguments hostile or of the wrong type. */
  private schemaOperation(rng: Rng, mode: 'hostile' | 'wrong-type'): Draft {
    const root = rng.pick(this.fields);
    const labels = new Set<string>([`${root.operation}:${root.field.name}`]);
    const op = buildOperation(root, rng, mode, labels);
    return { category: `schema-${mode}`, labels: [...labels], graphql: { query: op.query, variables: op.variables } };
  }

  /** Malformed and oversized policy documents in every field that takes one. */
  private policyDocument(rng: Rng): Draft {
    const doc = malformedPolicyContent(rng);
    const type = rng.weighted<string>([
      [3, 'AISERVICES_OPT_OUT_POLICY'],
      [1, 'SERVICE_CONTROL_POLICY'],
      [1, 'TAG_POLICY'],
      [1, rng.pick(POLICY_TYPES)],
    ]);
    const labels = [`policy-${doc.label}`];
    const target = rng.pick(['createPolicy', 'updatePolicy', 'validatePolicy', 'previewPolicyChange'] as const);
    labels.push(target);
    const key = rng.chance(0.3) ? { idempotencyKey: `fuzz-${rng.string(12, 'abcdef0123456789')}` } : {};
    switch (target) {
      case 'createPolicy':
        return {
          category: 'policy-json',
          labels,
          invalidInput: isMalformed(doc.label, type, doc.content),
          graphql: {
            query: 'mutation Create($input: CreatePolicyInput!) { createPolicy(input: $input) { auditEventId policy { id } } }',
            variables: {
              input: {
                name: `fuzz-${rng.string(8, 'abcdefgh')}`,
                description: rng.chance(0.3) ? hostileString(rng).slice(0, 300) : undefined,
                type,
                content: doc.content,
                ...key,
              },
            },
          },
        };
      case 'updatePolicy':
        return {
          // p-aioptoutall is an AI opt-out policy: its new content is checked against that type.
          category: 'policy-json',
          labels,
          invalidInput: isMalformed(doc.label, 'AISERVICES_OPT_OUT_POLICY', doc.content),
          graphql: {
            query: 'mutation Update($input: UpdatePolicyInput!) { updatePolicy(input: $input) { auditEventId policy { id contentHash } } }',
            variables: {
              input: { id: 'p-aioptoutall', content: doc.content, ...(rng.chance(0.3) ? { name: `fuzz-${rng.string(8, 'abcdefgh')}` } : {}), ...key },
            },
          },
        };
      case 'validatePolicy':
        return {
          category: 'policy-json',
          labels,
          graphql: {
            query: 'query Validate($type: PolicyType!, $content: JSON!) { validatePolicy(type: $type, content: $content) { valid diagnostics { code path } } }',
            variables: { type, content: doc.content },
          },
        };
      case 'previewPolicyChange': {
        const change = rng.pick([
          { kind: 'UPDATE_CONTENT', policyId: 'p-aioptoutall', content: doc.content },
          { kind: 'CREATE_AND_ATTACH', name: 'what-if', content: doc.content, targetIds: [rng.pick(KNOWN_IDS)] },
          { kind: 'CREATE_AND_ATTACH', name: 'what-if', content: doc.content, targetIds: [invalidId(rng)] },
        ]);
        return {
          category: 'policy-json',
          labels,
          graphql: {
            query:
              'query Preview($type: PolicyType!, $changes: [PolicyChangeInput!]!) { previewPolicyChange(type: $type, changes: $changes) { impacts { account { id } } diagnostics { code } } }',
            variables: { type, changes: [change] },
          },
        };
      }
    }
  }

  /** Documents that are not valid GraphQL, or valid but over a limit. */
  private malformedGraphQL(rng: Rng): Draft {
    const [kind, query, limitProbe] = rng.weighted<() => [string, string, boolean]>([
      [3, () => ['garbage', garbage(rng), false]],
      [
        3,
        () => {
          const root = rng.pick(this.fields);
          const op = buildOperation(root, rng, 'hostile', new Set());
          const text = op.query;
          return ['truncated', text.slice(0, rng.int(0, Math.max(0, text.length - 1))), false];
        },
      ],
      [
        2,
        () => {
          const depth = rng.weighted([
            [1, rng.int(1, 6)],
            [3, rng.int(17, 400)],
          ] as const);
          return ['deep-fields', `query { roots { ${'organizationalUnits { '.repeat(depth)}id${' }'.repeat(depth)} } }`, true];
        },
      ],
      [
        1,
        () => {
          const depth = rng.int(50, 3_000);
          return ['deep-unknown', `{${'a{'.repeat(depth)}b${'}'.repeat(depth)}}`, true];
        },
      ],
      [
        1,
        () => {
          const depth = rng.int(20, 2_000);
          return ['deep-literal', `query { validatePolicy(type: TAG_POLICY, content: ${'['.repeat(depth)}1${']'.repeat(depth)}) { valid } }`, true];
        },
      ],
      [
        2,
        () => {
          const n = rng.weighted([
            [1, rng.int(2, 10)],
            [3, rng.int(31, 3_000)],
          ] as const);
          return ['aliases', `query { ${Array.from({ length: n }, (_, i) => `a${i}: roots { id }`).join(' ')} }`, true];
        },
      ],
      [1, () => ['tokens', `query { roots { ${'id '.repeat(rng.int(5_000, 40_000))}} }`, true]],
      [1, () => ['directives', `query { roots ${'@include(if: true) '.repeat(rng.int(51, 600))}{ id } }`, true]],
      [
        1,
        () => {
          const levels = rng.int(3, 14);
          const fragments = [`fragment F0 on Root { id name }`];
          for (let i = 1; i <= levels; i += 1) fragments.push(`fragment F${i} on Root { ...F${i - 1} ...F${i - 1} }`);
          return ['fragment-bomb', `query { roots { ...F${levels} } } ${fragments.join(' ')}`, true];
        },
      ],
      [1, () => ['fragment-cycle', 'query { roots { ...A } } fragment A on Root { ...B } fragment B on Root { ...A }', false]],
      [2, () => ['huge-string', `query { validatePolicy(type: TAG_POLICY, content: "${'A'.repeat(rng.int(10_000, 900_000))}") { valid } }`, false]],
      [1, () => ['huge-comment', `#${'c'.repeat(rng.int(10_000, 800_000))}\nquery { roots { id } }`, false]],
      [
        2,
        () => [
          'unicode',
          rng.pick([
            `query ${rng.pick(UNICODE_STRINGS)} { roots { id } }`,
            `query { roots { id${rng.pick(UNICODE_STRINGS)} } }`,
            `query { account(id: ${JSON.stringify(rng.pick(UNICODE_STRINGS))}) { id } }`,
            `\uFEFFquery { roots { id } }`,
          ]),
          false,
        ],
      ],
      [
        2,
        () => [
          'null-bytes',
          rng.pick(['query { roots\u0000 { id } }', '\u0000', 'query { account(id: "4444\u00004444") { id } }', `query { roots { id } }\u0000`]),
          false,
        ],
      ],
      [
        1,
        () => [
          'operations',
          rng.pick([
            'query A { roots { id } } query B { roots { id } }',
            'subscription { roots { id } }',
            'query { __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }',
            'query($x: Int = "s") { roots { id } }',
            'query { roots { id } } mutation { deletePolicy(id: "p-x") { auditEventId } }',
            '',
            '   ',
            '{}',
            'query { }',
            'mutation { }',
          ]),
          false,
        ],
      ],
      [1, () => ['unknown-directive', 'query { roots @evil(x: 1) { id } }', false]],
      [1, () => ['variables-unused', `query($a: String, $b: NoSuchType) { roots { id } }`, false]],
    ])();
    const operationName = kind === 'operations' && rng.chance(0.5) ? rng.pick(['A', 'B', 'Nope', '']) : undefined;
    return { category: 'malformed-graphql', labels: [kind], graphql: { query, ...(operationName !== undefined ? { operationName } : {}) }, limitProbe };
  }

  /** The HTTP layer: methods, content types, non-JSON and huge bodies, odd paths. */
  private http(rng: Rng): Draft {
    const preflight = { 'apollo-require-preflight': 'true' };
    const simpleQuery = rng.pick(['{ roots { id } }', 'query { organization { id } }', 'query($id: ID!) { account(id: $id) { id } }']);
    return rng.weighted<() => Draft>([
      [
        3,
        () => {
          const withPreflight = rng.chance(0.7);
          const query = rng.chance(0.2) ? 'mutation { enablePolicyType(rootId: "r-demo", type: TAG_POLICY) { auditEventId } }' : simpleQuery;
          const vars = rng.pick([
            undefined,
            '{"id":"444444444444"}',
            '{"id":',
            'null',
            '[]',
            hostileString(rng).slice(0, 200),
            JSON.stringify({ id: hostileString(rng).slice(0, 200) }),
          ]);
          const qs = `query=${percentEncode(query)}${vars !== undefined ? `&variables=${percentEncode(vars)}` : ''}`;
          let parsedVars: unknown;
          try {
            parsedVars = vars === undefined ? undefined : JSON.parse(vars);
          } catch {
            parsedVars = Symbol('unparseable');
          }
          // Apollo wants the variables parameter to be a JSON object (not null, not an array).
          const standard = withPreflight && (parsedVars === undefined || (typeof parsedVars === 'object' && parsedVars !== null && !Array.isArray(parsedVars)));
          return {
            category: 'http',
            labels: [withPreflight ? 'get-preflight' : 'get-no-preflight'],
            method: 'GET',
            path: `/graphql?${qs}`,
            headers: withPreflight ? preflight : {},
            graphql: standard ? { query, variables: parsedVars } : undefined,
          };
        },
      ],
      [
        3,
        () => {
          const contentType = rng.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/graphql',
            'application/graphql-response+json',
            'application/xml',
            'application/json; charset=utf-16',
            '',
            'APPLICATION/JSON',
            'application/json;;;',
          ]);
          const rawBody = rng.pick([
            JSON.stringify({ query: simpleQuery, variables: { id: '444444444444' } }),
            simpleQuery,
            'query=%7B%20roots%20%7B%20id%20%7D%20%7D',
            '<xml/>',
          ]);
          return { category: 'http', labels: [`content-type:${contentType || 'empty'}`], headers: { 'content-type': contentType }, rawBody };
        },
      ],
      [
        3,
        () => {
          const rawBody = rng.pick([
            '',
            'not json',
            '{',
            '{"query":',
            "{'query':'{roots{id}}'}",
            '\u0000\u0001\u0002',
            'null',
            '42',
            '"string"',
            '[]',
            '[{"query":"{ roots { id } }"}]',
            '{}',
            '{"query":5}',
            '{"query":null}',
            '{"query":"{ roots { id } }","variables":"x"}',
            '{"query":"{ roots { id } }","variables":[1]}',
            '{"query":"{ roots { id } }","operationName":5}',
            '{"query":"{ roots { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
            '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"0000000000000000000000000000000000000000000000000000000000000000"}}}',
            '{"__proto__":{"query":"{ roots { id } }"}}',
            '{"constructor":{"prototype":{"query":"x"}}}',
            '{"query":"{ roots { id } }","query":"{ organization { id } }"}',
            '\uFEFF{"query":"{ roots { id } }"}',
          ]);
          return { category: 'http', labels: ['non-json-or-odd-body'], rawBody };
        },
      ],
      [
        2,
        () => {
          const size = rng.weighted([
            [3, rng.int(1_100_000, 3_000_000)],
            [1, rng.int(600_000, 1_000_000)],
          ] as const);
          const rawBody = JSON.stringify({ query: '{ roots { id } }', variables: { padding: 'x'.repeat(size) } });
          return { category: 'http', labels: [size > 1_048_576 ? 'huge-body' : 'large-body'], rawBody };
        },
      ],
      [
        2,
        () => {
          const [method, path] = rng.pick<[string, string]>([
            ['PUT', '/graphql'],
            ['PATCH', '/graphql'],
            ['DELETE', '/graphql'],
            ['HEAD', '/graphql'],
            ['OPTIONS', '/graphql'],
            ['GET', '/nope'],
            ['POST', '/'],
            ['GET', '/graphql/../healthz'],
            ['GET', '/graphql%00'],
            ['POST', '/graphql/'],
            ['GET', `/${'a'.repeat(rng.int(100, 5_000))}`],
            ['GET', '/_emulator/stats'],
            ['TRACE', '/graphql'],
          ]);
          return {
            category: 'http',
            labels: [`route:${method}`],
            method,
            path,
            rawBody: method === 'POST' ? JSON.stringify({ query: simpleQuery }) : undefined,
          };
        },
      ],
    ])();
  }

  /** Missing, malformed and wrong credentials, and roles that may not do what they ask. */
  private authentication(rng: Rng): Draft {
    const root = rng.pick(this.fields.filter((f) => f.operation === 'mutation' || rng.chance(0.3)));
    const labels = new Set<string>([`${root.operation}:${root.field.name}`]);
    const op = buildOperation(root, rng, 'hostile', labels);
    const graphql = { query: op.query, variables: op.variables };
    return rng.weighted<() => Draft>([
      [
        4,
        () => ({
          category: 'auth',
          labels: ['wrong-role', ...labels],
          caller: rng.pick<Caller>(['viewer', 'auditor', 'viewer', 'auditor', 'editor']),
          graphql,
        }),
      ],
      [2, () => ({ category: 'auth', labels: ['no-credentials', ...labels], caller: 'none', graphql })],
      [
        3,
        () => {
          const header = rng.pick([
            '',
            'Bearer',
            'Bearer ',
            `Bearer ${badKey(rng, this.keys.admin)}`,
            `Basic ${Buffer.from('admin:admin').toString('base64')}`,
            `Token ${this.keys.admin}`,
            `${this.keys.admin}`,
            `Bearer ${this.keys.admin} ${this.keys.admin}`,
            'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.',
            'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl',
            `Bearer ${'A'.repeat(rng.int(1_000, 8_000))}`,
            `Bearer ${rng.pick(INJECTION_STRINGS).replace(/[^\x20-\x7e]/g, '')}`,
          ]);
          return { category: 'auth', labels: ['bad-credentials', ...labels], caller: 'bad-key', headers: { authorization: header }, graphql };
        },
      ],
    ])();
  }

  /** Every id argument of a root field invalid, everything else well-typed. */
  private invalidIds(rng: Rng): Draft {
    const withIds = this.fields.filter((f) => f.field.args.some((a) => String(a.type).replace(/[![\]]/g, '') === 'ID'));
    const root = rng.pick(withIds);
    const labels = new Set<string>([`${root.operation}:${root.field.name}`, 'all-ids-invalid']);
    const variables = argumentValues(root.field.args, rng, 'hostile', labels);
    for (const arg of root.field.args) {
      const t = String(arg.type);
      if (t === 'ID!' || t === 'ID') variables[arg.name] = invalidId(rng);
    }
    const declared = root.field.args.map((a) => `$${a.name}: ${String(a.type)}`);
    const used = root.field.args.map((a) => `${a.name}: $${a.name}`);
    const query = `${root.operation} Ids(${declared.join(', ')}) { ${root.field.name}(${used.join(', ')})${selectionFor(root.field.type, rng)} }`;
    return { category: 'invalid-id', labels: [...labels], graphql: { query, variables } };
  }
}

/**
 * Whether a policy document must be refused: certainly for text that is not JSON, nesting beyond
 * any limit and AI opt-out documents over 2,500 characters; otherwise as orgql's engine judges it
 * (a document of one type may well be valid for another).
 */
function isMalformed(label: string, type: string, content: unknown): boolean {
  if (label === 'invalid-json-text' || label.startsWith('deep-nesting') || (label === 'oversized-ai-opt-out' && type === 'AISERVICES_OPT_OUT_POLICY'))
    return true;
  if (content instanceof RawJson) return true;
  try {
    return !validatePolicy(type as PolicyType, typeof content === 'string' ? content : JSON.stringify(content)).valid;
  } catch {
    return true;
  }
}

/** Every byte of the UTF-8 form percent-encoded (encodeURIComponent throws on unpaired surrogates). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function badKey(rng: Rng, realKey: string): string {
  return rng.pick([
    realKey.slice(0, -1),
    `${realKey}x`,
    realKey.toUpperCase(),
    realKey.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
    'orgql_' + 'x'.repeat(40),
    rng.string(rng.int(1, 120), 'abcdefghijklmnopqrstuvwxyz0123456789_-.'),
  ]);
}

const GARBAGE_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  'query',
  'mutation',
  'fragment',
  'on',
  '...',
  '$',
  '!',
  '=',
  ':',
  '@',
  '"',
  '"""',
  '#',
  '|',
  '&',
  'roots',
  'id',
  'account',
  'createPolicy',
  '1',
  '-0.5e',
  '0x1F',
  'true',
  'null',
  '\u0000',
  '😀',
  '\\',
  ',',
  '\n',
  '__schema',
  'Ø',
];

function garbage(rng: Rng): string {
  return Array.from({ length: rng.int(1, 200) }, () => rng.pick(GARBAGE_TOKENS)).join(rng.pick([' ', '', '\t']));
}
