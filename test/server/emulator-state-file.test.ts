import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStateSaver } from '../../src/server/emulator-state-file';
import { runOrgql, spawnOrgql } from '../support/orgql-process';

describe('saving the emulator state', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'orgql-saver-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves a burst of changes in a few writes, the last change included, and leaves no temporary file', async () => {
    const file = path.join(dir, 'state.json');
    let version = 0;
    let serialized = 0;
    const saver = createStateSaver(file, () => {
      serialized += 1;
      return JSON.stringify({ version });
    });
    for (let i = 0; i < 200; i += 1) {
      version = i;
      saver.changed();
    }
    await saver.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 199 });
    expect(serialized).toBeLessThanOrEqual(2);
    expect(readdirSync(dir)).toEqual(['state.json']);

    // A change while a save is running is saved by the flush that follows it.
    version = 200;
    saver.changed();
    version = 201;
    saver.changed();
    await saver.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 201 });
  });

  it('lets one emulator at a time use a state file: a second one stops with exit 2', async () => {
    const file = path.join(dir, 'org.json');
    const first = spawnOrgql(['emulator', '--port', '0', '--state', file]);
    try {
      await first.waitForLog((l) => typeof l.url === 'string');
      const second = await runOrgql(['emulator', '--port', '0', '--state', file]);
      expect(second.code).toBe(2);
      expect(second.output).toContain(`The emulator state file ${file} is in use by another orgql process`);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });
});
