import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Lints made-up files placed (virtually) in each layer with the project's own eslint.config.mjs, so
 * that a config change which stops enforcing style.md's layering fails here rather than going quiet.
 * ESLint runs in a child process: its config is an ES module, which jest's CommonJS runtime cannot load.
 */
function ruleHits(files: Record<string, string>): Record<string, string[]> {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const files = JSON.parse(process.argv[1]);
    const hits = {};
    for (const [filePath, code] of Object.entries(files)) {
      const [result] = await eslint.lintText(code, { filePath });
      hits[filePath] = result.messages.map((m) => m.ruleId ?? m.message);
    }
    process.stdout.write(JSON.stringify(hits));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string[]>;
}

describe('the lint rules that enforce the layering', () => {
  let hits: Record<string, string[]>;
  beforeAll(() => {
    hits = ruleHits({
      'src/domain/probe-server.ts': "import { parseConfig } from '../server/config';\nexport const probe = parseConfig;\n",
      'src/domain/probe-package.ts': "import { z } from 'zod';\nexport const probe = z;\n",
      'src/domain/probe-clock.ts': 'export const probe = [Date.now(), new Date(), Math.random()];\n',
      'src/domain/probe-pure.ts':
        "import { createHash } from 'node:crypto';\nimport { ERROR_CODES } from './errors';\nexport const probe = [createHash, ERROR_CODES];\n",
      'src/audit/probe-emulator.ts': "import { startEmulator } from '../emulator/start-emulator';\nexport const probe = startEmulator;\n",
      'src/emulator/probe-upstream.ts':
        "import { createOrganizationsClient } from '../upstream/client-factory';\nexport const probe = createOrganizationsClient;\n",
      'src/upstream/probe-domain.ts': "import { ERROR_CODES } from '../domain/errors';\nexport const probe = ERROR_CODES;\n",
      'src/graphql/probe-audit.ts': "import { PrismaAuditLog } from '../audit/prisma-audit-log';\nexport const probe = PrismaAuditLog;\n",
      'src/graphql/probe-env.ts': 'export const probe = process.env.ORGQL_PORT;\n',
      'src/audit/probe-env-destructured.ts': 'const { env } = process;\nexport const probe = env;\n',
      'src/server/probe-env.ts': 'export const probe = process.env.ORGQL_PORT;\n',
      'src/upstream/probe-test.ts': "import { startTestGateway } from '../../test/support/gateway-harness';\nexport const probe = startTestGateway;\n",
    });
  });

  it('keeps src/domain free of the rest of src/ and of packages (node:crypto aside)', () => {
    expect(hits['src/domain/probe-server.ts']).toContain('import-x/no-restricted-paths');
    expect(hits['src/domain/probe-package.ts']).toContain('no-restricted-imports');
    expect(hits['src/domain/probe-pure.ts']).toEqual([]);
  });

  it('keeps the clock and randomness out of src/domain', () => {
    expect(hits['src/domain/probe-clock.ts']).toEqual(['no-restricted-syntax', 'no-restricted-syntax', 'no-restricted-syntax']);
  });

  it('keeps upstream, emulator and audit from importing each other, while they may import the domain', () => {
    expect(hits['src/audit/probe-emulator.ts']).toContain('import-x/no-restricted-paths');
    expect(hits['src/emulator/probe-upstream.ts']).toContain('import-x/no-restricted-paths');
    expect(hits['src/upstream/probe-domain.ts']).toEqual([]);
  });

  it('keeps src/graphql on the ports instead of the adapters', () => {
    expect(hits['src/graphql/probe-audit.ts']).toContain('import-x/no-restricted-paths');
  });

  it('lets only src/server read process.env', () => {
    expect(hits['src/graphql/probe-env.ts']).toContain('no-restricted-properties');
    expect(hits['src/audit/probe-env-destructured.ts']).toContain('no-restricted-properties');
    expect(hits['src/server/probe-env.ts']).toEqual([]);
  });

  it('keeps test/ out of src/', () => {
    expect(hits['src/upstream/probe-test.ts']).toContain('import-x/no-restricted-paths');
  });
});
