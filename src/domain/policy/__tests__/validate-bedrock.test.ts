import { problems } from './problems';

const assign = (value: unknown) => ({ '@@assign': value });

describe('validatePolicy for Amazon Bedrock policies (orgs_manage_policies_bedrock_syntax)', () => {
  const ARN = 'arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d:1';
  const inRegion = (config: unknown, region = 'us-east-1') => ({ bedrock: { guardrail_inference: { [region]: { config_1: config } } } });

  it.each<[string, unknown, string[]]>([
    ['accepts the basic syntax with input_tags', inRegion({ identifier: assign(ARN), input_tags: assign('honor') }), []],
    [
      'accepts selective content guarding and model enforcement',
      inRegion({
        identifier: assign(ARN),
        selective_content_guarding: { system: assign('selective'), messages: assign('comprehensive') },
        model_enforcement: { included_models: assign(['ALL']), excluded_models: assign(['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3']) },
      }),
      [],
    ],
    ['requires the identifier', inRegion({ input_tags: assign('honor') }), ['ERROR MISSING_KEY $.bedrock.guardrail_inference.us-east-1.config_1.identifier']],
    [
      'rejects a guardrail without its version',
      inRegion({ identifier: assign('arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d') }),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.us-east-1.config_1.identifier.@@assign'],
    ],
    [
      'rejects the DRAFT version',
      inRegion({ identifier: assign(ARN.replace(/:1$/, ':DRAFT')) }),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.us-east-1.config_1.identifier.@@assign'],
    ],
    [
      'rejects a guardrail from another Region',
      inRegion({ identifier: assign(ARN) }, 'eu-west-1'),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.eu-west-1.config_1.identifier.@@assign'],
    ],
    [
      'rejects an input_tags value other than honor or ignore',
      inRegion({ identifier: assign(ARN), input_tags: assign('true') }),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.us-east-1.config_1.input_tags.@@assign'],
    ],
    [
      'rejects an empty included_models',
      inRegion({ identifier: assign(ARN), model_enforcement: { included_models: assign([]) } }),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.us-east-1.config_1.model_enforcement.included_models.@@assign'],
    ],
    [
      'rejects ALL among the excluded models',
      inRegion({ identifier: assign(ARN), model_enforcement: { excluded_models: assign(['ALL']) } }),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.us-east-1.config_1.model_enforcement.excluded_models.@@assign[0]'],
    ],
    [
      'rejects a key that is not a Region',
      inRegion({ identifier: assign(ARN) }, 'global'),
      ['ERROR INVALID_VALUE $.bedrock.guardrail_inference.global', 'ERROR INVALID_VALUE $.bedrock.guardrail_inference.global.config_1.identifier.@@assign'],
    ],
  ])('%s', (_title, doc, expected) => {
    expect(problems('BEDROCK_POLICY', doc)).toEqual(expected);
  });
});
