import type { Report } from './diagnostic';
import { childPath } from './json-path';
import type { ManagementGrammar, SettingSchema } from './management-schema';
import { ASSIGN } from './operators';
import { assignString, checkRegion, fields, named, oneOf, stringList, underTopLevelKey } from './grammar-builders';

/**
 * Amazon Bedrock policy syntax, AWS Organizations user guide "Amazon Bedrock policy syntax and
 * examples": https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_bedrock_syntax.html
 * `bedrock` → `guardrail_inference` → Region → configuration name → `identifier` (required: the
 * guardrail ARN followed by `:version`; a numbered version, never DRAFT, created in that Region),
 * `input_tags` ("honor" | "ignore"), `selective_content_guarding` (`system`, `messages`: "selective" |
 * "comprehensive") and `model_enforcement` (`included_models`: "ALL" or model ids, at least one;
 * `excluded_models`: model ids). Model id format: Bedrock API reference, ModelEnforcement
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ModelEnforcement.html
 */
const GUARDRAIL_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):(\d{12}):guardrail\/([a-z0-9]+):(.+)$/;
const MODEL_ID = /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}(\/[a-z0-9]{12})?$/;

function checkIdentifier(value: string, path: string, report: Report): void {
  const m = GUARDRAIL_ARN.exec(value);
  if (!m) {
    report(
      'ERROR',
      'INVALID_VALUE',
      path,
      `identifier must be a guardrail ARN followed by its version, e.g. arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123:1.`,
    );
  } else if (!/^\d+$/.test(m[4]!)) {
    report('ERROR', 'INVALID_VALUE', path, `The guardrail version must be a published version number, not ${JSON.stringify(m[4])}.`);
  }
}

const modelId = (allowAll: boolean) => (v: string, p: string, r: Report) => {
  if (!(allowAll && v === 'ALL') && !MODEL_ID.test(v))
    r('ERROR', 'INVALID_VALUE', p, `${JSON.stringify(v)} is not a Bedrock model id${allowAll ? ' or "ALL"' : ''}.`);
};

const includedList = stringList('included_models', modelId(true));
const includedModels: SettingSchema = {
  ...includedList,
  checkValue: (value, op, path, report) => {
    includedList.checkValue?.(value, op, path, report);
    if (op === ASSIGN && Array.isArray(value) && value.length === 0)
      report('ERROR', 'INVALID_VALUE', path, 'included_models must name at least one model, or "ALL".');
  },
};

const guarding = oneOf('the content guarding mode', ['selective', 'comprehensive']);

const configuration = fields(
  {
    identifier: assignString('identifier', checkIdentifier),
    input_tags: oneOf('input_tags', ['honor', 'ignore']),
    selective_content_guarding: fields({ system: guarding, messages: guarding }),
    model_enforcement: fields({ included_models: includedModels, excluded_models: stringList('excluded_models', modelId(false)) }),
  },
  { required: ['identifier'] },
);

/** "The Guardrail must be created and used in the specified region": the ARN's Region equals the Region key. */
function checkGuardrailRegions(obj: Record<string, unknown>, path: string, report: Report): void {
  for (const [region, configs] of Object.entries(obj)) {
    if (typeof configs !== 'object' || configs === null) continue;
    for (const [name, config] of Object.entries(configs as Record<string, unknown>)) {
      const identifier = (config as { identifier?: Record<string, unknown> } | null)?.identifier?.[ASSIGN];
      const arnRegion = typeof identifier === 'string' ? GUARDRAIL_ARN.exec(identifier)?.[1] : undefined;
      if (arnRegion !== undefined && arnRegion !== region) {
        const here = childPath(childPath(childPath(childPath(path, region), name), 'identifier'), ASSIGN);
        report(
          'ERROR',
          'INVALID_VALUE',
          here,
          `The guardrail is in ${arnRegion} but configured for ${region}; it must be used in the Region it was created in.`,
        );
      }
    }
  }
}

export const BEDROCK_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'bedrock',
  fields({
    guardrail_inference: {
      ...named(named(configuration), (key, path, report) => checkRegion(key, path, report)),
      check: checkGuardrailRegions,
    },
  }),
);
