import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const root = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const schema = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
const operations = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('the README', () => {
  it('shows the two-command quick start', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toMatch(/```sh\nnpm test\n```/);
  });

  it('has GraphQL examples to check', () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
  });

  it.each(operations.map((op, i) => [i, op]))('example %i is a valid operation against schema.graphql', (_i, operation) => {
    expect(validate(schema, parse(operation as string)).map((e) => e.message)).toEqual([]);
  });
});
