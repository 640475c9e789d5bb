import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyType } from '../../policy-type';
import type { AiOptOutSetting } from '../ai-opt-out-setting';
import type { NodeKind, TreeNode } from '../effective-types';

/**
 * A documented example from the AWS Organizations user guide, as a JSON file in
 * fixtures/aws-documented/: the input policies, the organization tree with attachments in
 * attachment order, and the result AWS documents, copied from the page (never from the engine).
 * Where the page is wrong or the engine knowingly differs, a deviation says so, with the value the
 * page prints, so the fixture still holds AWS's text; see fixtures/aws-documented/README.md.
 */
export interface AwsFixture {
  file: string;
  title: string;
  source: { url: string; section: string; archive?: string };
  policyType: PolicyType;
  policies: FixturePolicy[];
  tree: FixtureNode;
  documented: DocumentedResult[];
  deviations?: Deviation[];
}

export interface FixturePolicy {
  id: string;
  name: string;
  /** what the engine merges: the page's policy, or its correction when `printed` is given */
  content: unknown;
  /** the policy as the page prints it, when that is not valid policy syntax */
  printed?: unknown;
  correction?: string;
}

export interface FixtureNode {
  id: string;
  kind: NodeKind;
  /** policy ids in attachment order */
  attached: string[];
  children?: FixtureNode[];
}

export interface DocumentedResult {
  accounts: string[];
  /** the quote that states the result */
  quote: string;
  /**
   * the effective policy as printed (operators stripped, PolicyContent parsed); a section the page
   * truncates (`{ ... }`) is that text as a string, and matches any object (see `elided`)
   */
  effectivePolicy?: Record<string, unknown>;
  /** results the page states in words: the setting per AI service */
  aiSettings?: Record<string, AiOptOutSetting>;
}

/**
 * One place where the comparison uses another value than the page prints, and why. Deviations
 * apply in order, each to the document the previous ones left; a path names keys as printed.
 */
export interface Deviation {
  /** DOC_ERRATUM: the page contradicts its own input or text. ENGINE_DIFFERS: a known gap in the engine. */
  kind: 'DOC_ERRATUM' | 'ENGINE_DIFFERS';
  accounts?: string[];
  path: string[];
  /** the value the page prints there; absent when the page leaves the key out */
  documented?: unknown;
  /** the value the comparison expects instead; absent when the key is expected to be missing */
  expected?: unknown;
  /** the key is expected under this name instead (the value itself is compared as printed) */
  renameTo?: string;
  why: string;
}

export const FIXTURE_DIR = join(__dirname, 'fixtures', 'aws-documented');

export function loadFixtures(): AwsFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as Omit<AwsFixture, 'file'>) }));
}

export function toTree(fixture: AwsFixture): TreeNode {
  const byId = new Map(fixture.policies.map((p) => [p.id, p]));
  const build = (node: FixtureNode): TreeNode => ({
    id: node.id,
    kind: node.kind,
    name: node.id,
    policies: node.attached.map((id) => {
      const p = byId.get(id);
      if (!p) throw new Error(`${fixture.file}: ${node.id} attaches unknown policy ${id}`);
      return { id: p.id, name: p.name, content: JSON.stringify(p.content) };
    }),
    children: (node.children ?? []).map(build),
  });
  return build(fixture.tree);
}

export function valueAt(doc: unknown, path: readonly string[]): { found: boolean; value?: unknown } {
  let node: unknown = doc;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return { found: false };
    node = (node as Record<string, unknown>)[key];
  }
  return { found: true, value: node };
}

/**
 * The documented effective policy with this account's deviations applied in order. `check` sees each
 * deviation with what the page prints at its path (in the document the earlier ones left).
 */
export function expectedFor(
  fixture: AwsFixture,
  result: DocumentedResult,
  accountId: string,
  check: (deviation: Deviation, printed: ReturnType<typeof valueAt>, doc: Record<string, unknown>) => void = () => {},
): Record<string, unknown> {
  const doc = structuredClone(result.effectivePolicy!);
  for (const d of deviationsFor(fixture, accountId)) {
    check(d, valueAt(doc, d.path), doc);
    const parent = valueAt(doc, d.path.slice(0, -1)).value as Record<string, unknown>;
    const key = d.path[d.path.length - 1]!;
    if (d.renameTo !== undefined) {
      parent[d.renameTo] = parent[key];
      delete parent[key];
    } else if ('expected' in d) parent[key] = structuredClone(d.expected);
    else delete parent[key];
  }
  return doc;
}

export function deviationsFor(fixture: AwsFixture, accountId: string): Deviation[] {
  return (fixture.deviations ?? []).filter((d) => !d.accounts || d.accounts.includes(accountId));
}

/** The text a page prints for a truncated section ("The sections in the plan are truncated for clarity"). */
const ELIDED = new Set(['{ ... }', '{ \u2026 }']);

/** `doc` with every truncated section replaced by a matcher for any object, for toEqual. */
export function elided(doc: unknown): unknown {
  if (typeof doc === 'string' && ELIDED.has(doc)) return expect.any(Object);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, elided(v)]));
}
