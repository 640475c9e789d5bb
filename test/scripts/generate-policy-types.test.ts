import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EffectivePolicyType, PolicyType } from '@aws-sdk/client-organizations';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { EFFECTIVE_POLICY_TYPES, isManagementPolicyType, POLICY_TYPES } from '../../src/domain/policy-type';

// The generator is a CommonJS script; its functions are exported for this test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-policy-types.js');

const ROOT = path.resolve(__dirname, '..', '..');
const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('the policy types generated from the SDK model', () => {
  it("equal the installed SDK's PolicyType values", () => {
    expect(sorted(POLICY_TYPES)).toEqual(sorted(Object.values(PolicyType)));
  });

  it("take the management types from the SDK's EffectivePolicyType values", () => {
    expect(sorted(EFFECTIVE_POLICY_TYPES)).toEqual(sorted(Object.values(EffectivePolicyType)));
    expect(POLICY_TYPES.filter((type) => !isManagementPolicyType(type))).toEqual(['RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
  });

  it("are the values of schema.graphql's PolicyType enum, each with a description", () => {
    const schema = buildSchema(readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
    const values = (schema.getType('PolicyType') as GraphQLEnumType).getValues();
    expect(sorted(values.map((v) => v.name))).toEqual(sorted(Object.values(PolicyType)));
    expect(values.filter((v) => !v.description).map((v) => v.name)).toEqual([]);
  });

  it('leave the committed files unchanged when run again (npm run generate is idempotent)', () => {
    expect(() => execFileSync(process.execPath, [path.join(ROOT, 'scripts/generate-policy-types.js'), '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('rewrite the enum block as it is, keeping the descriptions written in the schema', () => {
    // (prettier, which the script runs on its output, cannot load inside jest; the --check run above covers it)
    const schemaText = readFileSync(generator.SCHEMA_FILE, 'utf8');
    expect(generator.renderSchema(schemaText, generator.readModel())).toBe(schemaText);
  });

  it('add a type the SDK gains, and drop one it loses, without touching the rest of the schema', () => {
    const schemaText = readFileSync(generator.SCHEMA_FILE, 'utf8');
    const model = { version: 'x', policyTypes: [...POLICY_TYPES.filter((t) => t !== 'TAG_POLICY'), 'ZZ_NEW_POLICY'].sort(), effectiveTypes: [] };
    const next: string = generator.renderSchema(schemaText, model);
    const values = (buildSchema(next).getType('PolicyType') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values).toContain('ZZ_NEW_POLICY');
    expect(values).not.toContain('TAG_POLICY');
    expect(next.replace(/enum PolicyType \{[\s\S]*?\n\}/, '')).toBe(schemaText.replace(/enum PolicyType \{[\s\S]*?\n\}/, ''));
  });
});
