import type { ManagementGrammar, Schema } from './management-schema';
import { ALL, ASSIGN, NONE } from './operators';

/**
 * AI services opt-out policy syntax (digest §a; user guide "AI services opt-out policy syntax
 * and examples"). `default` covers every current and future AI service.
 * The 2022 list [UG22] plus the current keys we could read [UGnow]; the current page lists more
 * services by display name only, so an unknown key is a WARNING (UNKNOWN_SERVICE), not an error,
 * as the digest recommends.
 */
export const AI_OPT_OUT_SERVICE_KEYS: readonly string[] = [
  'default',
  // [UGnow] current list, first entries
  'aiops',
  'aidevops',
  'awssupplychain',
  'chimesdkvoiceanalytics',
  'cloudwatch',
  // [UG22] December 2022 list
  'codeguruprofiler',
  'codewhisperer',
  'comprehend',
  'connectamd',
  'connectoptimization',
  'contactlens',
  'frauddetector',
  'guardduty',
  'lex',
  'polly',
  'rekognition',
  'textract',
  'transcribe',
  'translate',
];

/** Values are case-sensitive: "The policies do not work if you use unexpected capitalization." */
export const AI_OPT_OUT_VALUES: readonly string[] = ['optIn', 'optOut'];

const optOutPolicy: Schema = {
  kind: 'setting',
  // "@@append and @@remove are not allowed"; the doc's shape always carries @@assign.
  operators: [ASSIGN],
  requireAssign: true,
  checkValue: (value, _op, path, report) => {
    if (typeof value !== 'string' || !AI_OPT_OUT_VALUES.includes(value)) {
      const hint = typeof value === 'string' && AI_OPT_OUT_VALUES.some((v) => v.toLowerCase() === value.toLowerCase()) ? ' Values are case-sensitive.' : '';
      report('ERROR', 'INVALID_VALUE', path, `opt_out_policy must be "optIn" or "optOut", got ${JSON.stringify(value)}.${hint}`);
    }
  },
};

const service: Schema = { kind: 'container', keys: { opt_out_policy: optOutPolicy }, required: ['opt_out_policy'] };

export const AI_OPT_OUT_GRAMMAR: ManagementGrammar = {
  root: {
    kind: 'container',
    keys: {
      services: {
        kind: 'container',
        dynamic: service,
        nonEmpty: true,
        checkDynamicKey: (key, path, report) => {
          if (AI_OPT_OUT_SERVICE_KEYS.includes(key)) return;
          const lower = key.toLowerCase();
          const hint = AI_OPT_OUT_SERVICE_KEYS.includes(lower) ? ` Service keys are lower case: did you mean "${lower}"?` : '';
          report('WARNING', 'UNKNOWN_SERVICE', path, `"${key}" is not a documented AI service key.${hint}`);
        },
      },
    },
    required: ['services'],
  },
  // The AI opt-out page lists @@assign and @@none. We also accept @@all, the generic default
  // ("By default, all operators (@@all) are allowed"); for this type it means the same as @@assign.
  // @@append/@@remove are rejected because the type has no such operators.
  childControlValues: [ALL, ASSIGN, NONE],
};
