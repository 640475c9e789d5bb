import { validatePolicy } from '../index';

const ai = (services: unknown): string => JSON.stringify({ services });
const codes = (content: string): string[] => validatePolicy('AISERVICES_OPT_OUT_POLICY', content).diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`);

describe('validatePolicy for AI services opt-out policies', () => {
  it.each<[string, string, string[]]>([
    [
      'accepts optIn and optOut with @@assign',
      ai({ lex: { opt_out_policy: { '@@assign': 'optIn' } }, polly: { opt_out_policy: { '@@assign': 'optOut' } } }),
      [],
    ],
    [
      'rejects a value with the wrong capitalisation',
      ai({ lex: { opt_out_policy: { '@@assign': 'optin' } } }),
      ['ERROR INVALID_VALUE $.services.lex.opt_out_policy.@@assign'],
    ],
    [
      'rejects @@append',
      ai({ lex: { opt_out_policy: { '@@append': ['optIn'] } } }),
      ['ERROR OPERATOR_NOT_ALLOWED $.services.lex.opt_out_policy.@@append', 'ERROR MISSING_KEY $.services.lex.opt_out_policy'],
    ],
    [
      'rejects @@remove',
      ai({ lex: { opt_out_policy: { '@@assign': 'optIn', '@@remove': ['x'] } } }),
      ['ERROR CONFLICTING_OPERATORS $.services.lex.opt_out_policy', 'ERROR OPERATOR_NOT_ALLOWED $.services.lex.opt_out_policy.@@remove'],
    ],
    [
      'warns about an unknown service key but accepts it',
      ai({ newservice: { opt_out_policy: { '@@assign': 'optOut' } } }),
      ['WARNING UNKNOWN_SERVICE $.services.newservice'],
    ],
    ['requires opt_out_policy under a service', ai({ lex: {} }), ['ERROR MISSING_KEY $.services.lex.opt_out_policy']],
    [
      'rejects other keys under a service',
      ai({ lex: { opt_out_policy: { '@@assign': 'optIn' }, extra: { '@@assign': 'x' } } }),
      ['ERROR UNKNOWN_KEY $.services.lex.extra'],
    ],
    [
      'rejects top-level keys other than services',
      JSON.stringify({ services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } }, tags: {} }),
      ['ERROR UNKNOWN_KEY $.tags'],
    ],
    ['requires services', JSON.stringify({}), ['ERROR MISSING_KEY $.services']],
    ['requires at least one service', ai({}), ['ERROR MISSING_KEY $.services']],
    [
      'rejects @@enforced_for',
      ai({ lex: { opt_out_policy: { '@@assign': 'optIn', '@@enforced_for': ['x'] } } }),
      ['ERROR UNKNOWN_OPERATOR $.services.lex.opt_out_policy.@@enforced_for'],
    ],
    [
      'accepts @@assign, @@none and @@all in child-control lists at all three levels',
      ai({
        '@@operators_allowed_for_child_policies': ['@@all'],
        lex: {
          '@@operators_allowed_for_child_policies': ['@@assign'],
          opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optIn' },
        },
      }),
      [],
    ],
    [
      'rejects @@append in a child-control list',
      ai({ lex: { opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': 'optIn' } } }),
      ['ERROR OPERATOR_NOT_ALLOWED $.services.lex.opt_out_policy.@@operators_allowed_for_child_policies[0]'],
    ],
    ['rejects a bare value without @@assign', ai({ lex: { opt_out_policy: 'optIn' } }), ['ERROR MISSING_OPERATOR $.services.lex.opt_out_policy']],
  ])('%s', (_title, content, expected) => {
    expect(codes(content)).toEqual(expected);
  });

  it('suggests the lower-case key for a mis-capitalised service', () => {
    const [d] = validatePolicy('AISERVICES_OPT_OUT_POLICY', ai({ Lex: { opt_out_policy: { '@@assign': 'optIn' } } })).diagnostics;
    expect(d).toMatchObject({ severity: 'WARNING', code: 'UNKNOWN_SERVICE', message: expect.stringContaining('"lex"') });
  });

  it('rejects content longer than 2,500 characters even when it is otherwise valid', () => {
    const content = ai({ lex: { opt_out_policy: { '@@assign': 'optIn' } } }).replace('{', `{${' '.repeat(2500)}`);
    const result = validatePolicy('AISERVICES_OPT_OUT_POLICY', content);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['CONTENT_TOO_LONG']);
  });

  it('accepts content of exactly 2,500 characters', () => {
    const base = ai({ lex: { opt_out_policy: { '@@assign': 'optIn' } } });
    const content = base.replace('{', `{${' '.repeat(2500 - base.length)}`);
    expect(content).toHaveLength(2500);
    expect(validatePolicy('AISERVICES_OPT_OUT_POLICY', content).valid).toBe(true);
  });

  it('gives the line and column of a diagnostic inside a formatted document', () => {
    const content = '{\n  "services": {\n    "lex": {\n      "opt_out_policy": { "@@assign": "OPTIN" }\n    }\n  }\n}';
    const [d] = validatePolicy('AISERVICES_OPT_OUT_POLICY', content).diagnostics;
    expect(d).toMatchObject({ code: 'INVALID_VALUE', line: 4, column: 27 });
  });
});
