import { aiOptOutTransitions, aiServiceSetting, aiServicesOf } from '../ai-opt-out-setting';
import { computeEffectivePolicy } from '../compute-effective-policy';
import { account, policy, root } from './harness';

const optOutAll = policy('p-all', { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } });
const lexIn = policy('p-lex', { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } });
const none = { content: null, provenance: [], ignoredChanges: [] };

describe('AI opt-out setting of a service', () => {
  it('is opted in by AWS default when no policy applies', () => {
    expect(aiServiceSetting(none, 'lex')).toEqual({ service: 'lex', setting: 'OPT_IN', source: 'AWS_DEFAULT' });
  });

  it('follows `default` for a service without its own key, naming the policy that set it', () => {
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOutAll), account('111111111111')]);
    const setting = aiServiceSetting(effective, 'rekognition');
    expect(setting.setting).toBe('OPT_OUT');
    expect(setting.source).toBe('DEFAULT_KEY');
    expect(setting.decidedBy?.policyId).toBe('p-all');
  });

  it("lets a service's own key win over `default` (user guide, example 2: opted in to Lex only)", () => {
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOutAll), account('111111111111', lexIn)]);
    expect(aiServiceSetting(effective, 'lex')).toMatchObject({ setting: 'OPT_IN', source: 'SERVICE_KEY' });
    expect(aiServiceSetting(effective, 'polly')).toMatchObject({ setting: 'OPT_OUT', source: 'DEFAULT_KEY' });
  });
});

describe('AI opt-out transitions', () => {
  it('lists every service a default optOut opts out of as deleting stored content', () => {
    const after = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOutAll), account('111111111111')]);
    const { deletesStoredContent, resumesContentUse } = aiOptOutTransitions(none, after);
    expect(deletesStoredContent.map((d) => d.service)).toEqual(aiServicesOf([null]));
    expect(deletesStoredContent.every((d) => d.before.source === 'AWS_DEFAULT')).toBe(true);
    expect(resumesContentUse).toEqual([]);
  });

  it('reports opting back in as resumed content use, not as a deletion', () => {
    const before = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOutAll), account('111111111111')]);
    const after = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOutAll), account('111111111111', lexIn)]);
    const { deletesStoredContent, resumesContentUse } = aiOptOutTransitions(before, after);
    expect(deletesStoredContent).toEqual([]);
    expect(resumesContentUse.map((r) => r.service)).toEqual(['lex']);
  });

  it('covers service keys that only a policy names', () => {
    const custom = policy('p-new', { services: { newservice: { opt_out_policy: { '@@assign': 'optOut' } } } });
    const after = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(custom), account('111111111111')]);
    expect(aiOptOutTransitions(none, after).deletesStoredContent.map((d) => d.service)).toEqual(['newservice']);
  });
});
