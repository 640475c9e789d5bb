import { malformedPolicyMessage, validatePolicy } from '../index';
import { lineColumnAt, parseJsonWithPositions } from '../json-source';

describe('JSON syntax errors', () => {
  it.each<[string, string, number, number]>([
    ['a trailing comma', '{\n  "services": {},\n}', 3, 1],
    ['a missing colon', '{"services" {}}', 1, 13],
    ['a line break inside a string', '{\n  "services": {"lex\n}', 2, 20],
    ['an unterminated string', '{\n  "services": {"lex', 2, 16],
    ['single quotes', "{'services': {}}", 1, 2],
    ['text after the document', '{} x', 1, 4],
    ['an empty document', '', 1, 1],
    ['a bad escape', '{"a\\x": 1}', 1, 4],
    ['a leading zero', '{"a": 01}', 1, 8],
  ])('reports %s as INVALID_JSON with its line and column', (_title, content, line, column) => {
    const result = validatePolicy('TAG_POLICY', content);
    expect(result.valid).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'INVALID_JSON', path: '$', line, column })]);
  });

  it('counts CRLF line breaks once', () => {
    expect(lineColumnAt('{\r\n\r\n  x', 7)).toEqual({ line: 3, column: 3 });
  });

  it('parses exactly what JSON.parse parses', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"],"b":{"__proto__":{"x":1}}}';
    const parsed = parseJsonWithPositions(text);
    expect(parsed.ok && parsed.value).toEqual(JSON.parse(text));
  });

  it('reports duplicate keys with the position of the second one', () => {
    const result = validatePolicy('TAG_POLICY', '{"tags": {},\n "tags": {}}');
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', path: '$.tags', line: 2, column: 2 })]);
  });

  it.each(['[]', '"tags"', '42', 'null'])('rejects a top level that is not an object: %s', (content) => {
    expect(validatePolicy('TAG_POLICY', content).diagnostics.map((d) => d.code)).toEqual(['INVALID_TYPE']);
  });

  it('reports very deep nesting as a syntax error instead of overflowing the stack', () => {
    const content = `{"a":${'['.repeat(4000)}${']'.repeat(4000)}}`;
    expect(validatePolicy('CHATBOT_POLICY', content).diagnostics.map((d) => d.code)).toEqual(['INVALID_JSON']);
  });
});

describe('validatePolicy for SCPs and RCPs', () => {
  const scp = (statement: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });
  const codes = (type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', content: string): string[] =>
    validatePolicy(type, content).diagnostics.map((d) => `${d.code} ${d.path}`);

  it.each<[string, string, string[]]>([
    ['accepts FullAWSAccess', scp({ Effect: 'Allow', Action: '*', Resource: '*' }), []],
    [
      'accepts a statement array with NotAction and a condition',
      scp([
        {
          Sid: 'DenyOthers',
          Effect: 'Deny',
          NotAction: ['iam:*', 'sts:AssumeRole'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ]),
      [],
    ],
    [
      'requires Version 2012-10-17',
      JSON.stringify({ Version: '2008-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }),
      ['INVALID_VALUE $.Version'],
    ],
    ['requires an Effect of Allow or Deny', scp({ Effect: 'deny', Action: '*', Resource: '*' }), ['INVALID_VALUE $.Statement.Effect']],
    ['rejects Action together with NotAction', scp({ Effect: 'Deny', Action: '*', NotAction: 's3:*', Resource: '*' }), ['INVALID_VALUE $.Statement']],
    ['requires a Resource', scp({ Effect: 'Deny', Action: 's3:*' }), ['MISSING_KEY $.Statement.Resource']],
    ['rejects Principal in an SCP', scp({ Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: '*' }), ['UNKNOWN_KEY $.Statement.Principal']],
    [
      'rejects inheritance operators',
      scp({ Effect: 'Deny', Action: { '@@assign': '*' }, Resource: '*' }),
      ['OPERATOR_NOT_ALLOWED $.Statement.Action.@@assign', 'INVALID_TYPE $.Statement.Action'],
    ],
    ['rejects a malformed action', scp({ Effect: 'Deny', Action: 's3', Resource: '*' }), ['INVALID_VALUE $.Statement.Action']],
    ['rejects an empty statement list', scp([]), ['INVALID_TYPE $.Statement']],
  ])('SCP: %s', (_title, content, expected) => {
    expect(codes('SERVICE_CONTROL_POLICY', content)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['accepts a Deny with Principal "*"', scp({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), []],
    ['rejects Allow', scp({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }), ['INVALID_VALUE $.Statement.Effect']],
    ['requires Principal', scp({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), ['MISSING_KEY $.Statement.Principal']],
  ])('RCP: %s', (_title, content, expected) => {
    expect(codes('RESOURCE_CONTROL_POLICY', content)).toEqual(expected);
  });

  it('enforces the SCP size limit of 10,240 characters', () => {
    const content = scp({ Effect: 'Deny', Action: Array.from({ length: 1000 }, (_, i) => `s3:Get${i}`), Resource: '*' });
    expect(content.length).toBeGreaterThan(10240);
    expect(codes('SERVICE_CONTROL_POLICY', content)).toEqual(['CONTENT_TOO_LONG $']);
  });
});

describe('malformedPolicyMessage', () => {
  it('builds a stable AWS-style message from the errors only', () => {
    const result = validatePolicy('AISERVICES_OPT_OUT_POLICY', '{"services":{"Lex":{"opt_out_policy":{"@@assign":"optin"}}}}');
    expect(malformedPolicyMessage(result)).toBe(
      'The provided policy document does not meet the requirements of the specified policy type. ' +
        '[INVALID_VALUE] $.services.Lex.opt_out_policy.@@assign (line 1, column 39): opt_out_policy must be "optIn" or "optOut", got "optin". Values are case-sensitive.',
    );
  });

  it('is empty for a valid document', () => {
    expect(malformedPolicyMessage({ valid: true, diagnostics: [] })).toBe('');
  });

  it('lists at most five errors', () => {
    const services = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`s${i}`, {}]));
    const message = malformedPolicyMessage(validatePolicy('AISERVICES_OPT_OUT_POLICY', JSON.stringify({ services })));
    expect(message.endsWith('(and 2 more)')).toBe(true);
  });
});
