import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';

/**
 * Issue 7's role matrix, read from schema.graphql itself so that a field added later is covered
 * without touching this file: every Query and Mutation field, for every role, is either allowed
 * (the resolver runs; domain errors are fine) or refused with FORBIDDEN.
 */

type Permission = 'READ' | 'MUTATE' | 'AUDIT' | 'ADMIN' | 'EVENTS';
type Role = 'viewer' | 'editor' | 'auditor' | 'admin' | 'events';

/** The issue's roles, written out here rather than imported, so the test checks the code against the spec. */
const GRANTS: Record<Role, Permission[]> = {
  viewer: ['READ'],
  editor: ['READ', 'MUTATE'],
  auditor: ['AUDIT'],
  admin: ['READ', 'MUTATE', 'AUDIT', 'ADMIN', 'EVENTS'],
  events: ['EVENTS'],
};
const ROLES = Object.keys(GRANTS) as Role[];

const schema = buildSchema(readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8'));

interface Case {
  readonly operation: 'query' | 'mutation';
  readonly field: string;
  /** AUTHENTICATED: marked `@authenticated`, open to every role. */
  readonly requires: Permission | 'AUTHENTICATED';
  readonly document: string;
  readonly variables: Record<string, unknown>;
}

function requiredPermission(field: GraphQLField<unknown, unknown>, operation: 'query' | 'mutation'): Permission | 'AUTHENTICATED' {
  if (field.astNode?.directives?.some((d) => d.name.value === 'authenticated')) return 'AUTHENTICATED';
  const auth = field.astNode?.directives?.find((d) => d.name.value === 'auth');
  const requires = auth?.arguments?.find((a) => a.name.value === 'requires')?.value;
  if (requires && requires.kind === 'EnumValue') return requires.value as Permission;
  return operation === 'query' ? 'READ' : 'MUTATE';
}

/** Ids from the demo seed (src/emulator/seed/demo-seed.ts). */
const DEMO = { root: 'r-demo', account: '444444444444', policy: 'p-aioptoutall', ou: 'ou-demo-security' };
const OPT_OUT_DOCUMENT = { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } };

/** A plausible id for an argument, by its name and the field it belongs to. */
function idFor(name: string, field: string): string {
  switch (name) {
    case 'rootId':
      return DEMO.root;
    case 'accountId':
      return DEMO.account;
    case 'policyId':
      return DEMO.policy;
    case 'parentId':
    case 'under':
      return DEMO.root;
    case 'targetId':
    case 'resourceId':
    case 'destinationParentId':
      return DEMO.ou;
    default:
      break;
  }
  if (/organizationalUnit|OrganizationalUnit/.test(field)) return DEMO.ou;
  if (/account|Account/.test(field)) return DEMO.account;
  if (/olicy/.test(field)) return DEMO.policy;
  if (/audit/.test(field)) return randomUUID();
  return DEMO.root;
}

/** A minimal valid value for an input type; optional members are left out. */
function valueFor(type: GraphQLInputType, name: string, field: string): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [valueFor(nullable.ofType, name, field)];
  if (isInputObjectType(nullable)) {
    // A what-if change that names real things, so the preview computes something.
    if (nullable.name === 'PolicyChangeInput') return { kind: 'ATTACH', policyId: DEMO.policy, targetId: DEMO.ou };
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, valueFor(f.type, f.name, field)]),
    );
  }
  if (isEnumType(nullable)) {
    if (nullable.name === 'PolicyType') return 'AISERVICES_OPT_OUT_POLICY';
    return nullable.getValues()[0]!.name;
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'ID':
        return idFor(name, field);
      case 'String':
        return name === 'tagKeys' ? 'security-matrix' : name === 'key' ? 'security-matrix' : 'security-matrix-value';
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'JSON':
        return OPT_OUT_DOCUMENT;
      case 'DateTime':
        return new Date().toISOString();
      default:
        throw new Error(`no test value for scalar ${nullable.name} (argument ${field}.${name}): add one`);
    }
  }
  throw new Error(`no test value for ${String(type)}`);
}

function caseFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): Case {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
  const declarations = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  // __typename is valid on any object, interface or union: the smallest selection that runs the field.
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  const document = `${operation} Matrix${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  const variables = Object.fromEntries(args.map((a) => [a.name, valueFor(a.type, a.name, field.name)]));
  return { operation, field: field.name, requires: requiredPermission(field, operation), document, variables };
}

const CASES: Case[] = [
  ...Object.values((schema.getQueryType() as GraphQLObjectType).getFields()).map((f) => caseFor('query', f)),
  ...Object.values((schema.getMutationType() as GraphQLObjectType).getFields()).map((f) => caseFor('mutation', f)),
];

describe('the role matrix read from schema.graphql', () => {
  it('covers every Query and Mutation field with a known permission', () => {
    const queryFields = Object.keys((schema.getQueryType() as GraphQLObjectType).getFields());
    const mutationFields = Object.keys((schema.getMutationType() as GraphQLObjectType).getFields());
    expect(CASES.map((c) => c.field).sort()).toEqual([...queryFields, ...mutationFields].sort());
    for (const c of CASES) expect(['READ', 'MUTATE', 'AUDIT', 'ADMIN', 'AUTHENTICATED']).toContain(c.requires);
  });

  it('requires AUDIT exactly for the audit queries, ADMIN exactly for key management, MUTATE for every other mutation', () => {
    const audit = CASES.filter((c) => c.requires === 'AUDIT')
      .map((c) => c.field)
      .sort();
    expect(audit).toEqual(['auditEvent', 'auditEvents', 'auditSummary', 'policyHistory', 'targetHistory', 'verifyAuditChain']);
    const admin = CASES.filter((c) => c.requires === 'ADMIN')
      .map((c) => c.field)
      .sort();
    expect(admin).toEqual(['apiKeys', 'createApiKey', 'revokeApiKey']);
    expect(CASES.filter((c) => c.operation === 'mutation' && c.requires !== 'ADMIN').every((c) => c.requires === 'MUTATE')).toBe(true);
    expect(CASES.filter((c) => c.requires === 'AUTHENTICATED').map((c) => c.field)).toEqual(['me']);
    expect(CASES.filter((c) => c.operation === 'query' && !['AUDIT', 'ADMIN', 'AUTHENTICATED'].includes(c.requires)).every((c) => c.requires === 'READ')).toBe(
      true,
    );
  });

  it("offers in GraphQL's Role enum exactly the roles the issue names", () => {
    const roleEnum = schema.getType('Role');
    expect(
      isEnumType(roleEnum)
        ? roleEnum
            .getValues()
            .map((v) => v.name.toLowerCase())
            .sort()
        : null,
    ).toEqual([...ROLES].sort());
  });

  it('builds operations that the schema accepts', () => {
    for (const c of CASES)
      expect({ field: c.field, errors: validate(schema, parse(c.document)).map((e) => e.message) }).toEqual({ field: c.field, errors: [] });
  });
});

/** Request-level failures mean the operation never reached the field: the matrix would prove nothing. */
const NOT_A_FIELD_ANSWER = ['FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED'];

describe.each(ROLES)('the %s role', (role) => {
  let t: TestGateway;
  let authorization: string;
  beforeAll(async () => {
    // One gateway (and demo organization) per role, so each role sees the same starting state.
    t = await startTestGateway({ ORGQL_MUTATION_BURST: '1000' });
    authorization = `Bearer ${await t.keyFor(role, `matrix-${role}`)}`;
  });
  afterAll(() => t.close());

  const allowed = (c: Case) => c.requires === 'AUTHENTICATED' || GRANTS[role].includes(c.requires);

  const mayUse = CASES.filter(allowed);
  it.each(mayUse.map((c) => [`${c.operation} ${c.field}`, c] as const))('may use %s', async (_name, c) => {
    const { status, body } = await t.graphql(c.document, c.variables, { authorization });
    const codes = (body.errors ?? []).map((e) => e.extensions?.code);
    expect({ status, codes: codes.filter((code) => NOT_A_FIELD_ANSWER.includes(code)) }).toEqual({ status: 200, codes: [] });
    // Every error there is comes from the field's own resolver (a domain answer such as NOT_FOUND).
    for (const error of body.errors ?? []) expect(error.path?.[0]).toBe(c.field);
  });

  const denied = CASES.filter((c) => !allowed(c));
  if (denied.length === 0) {
    it('is refused nothing', () => expect(CASES.every(allowed)).toBe(true));
    return;
  }
  it.each(denied.map((c) => [`${c.operation} ${c.field}`, c] as const))('is refused %s with FORBIDDEN', async (_name, c) => {
    const { status, body } = await t.graphql(c.document, c.variables, { authorization });
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: [c.field], extensions: { code: 'FORBIDDEN', requiredPermission: c.requires } });
    expect(body.data?.[c.field] ?? null).toBeNull();
  });

  const mayExport = GRANTS[role].includes('AUDIT');
  it(`${mayExport ? 'may' : 'may not'} export the audit log over HTTP (/audit/export needs AUDIT)`, async () => {
    const response = await fetch(new URL('/audit/export?format=ndjson', t.gateway.url), { headers: { authorization } });
    expect(response.status).toBe(mayExport ? 200 : 403);
    if (!mayExport) expect(((await response.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    else await response.text();
  });
});
