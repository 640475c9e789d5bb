import { aiServiceSetting, computeEffectivePoliciesForTree, validatePolicy } from '../index';
import { type AwsFixture, deviationsFor, expectedFor, loadFixtures, toTree, valueAt } from './aws-fixture';

/**
 * An independent check of the engine: every example whose effective result the AWS Organizations
 * user guide prints (or states in words) is a fixture in fixtures/aws-documented/, and the engine's
 * result must equal AWS's, not a snapshot of the engine's own output.
 */
const fixtures = loadFixtures();

const effectiveOf = (fixture: AwsFixture) => computeEffectivePoliciesForTree(fixture.policyType, toTree(fixture));

describe('fixtures of effective policies as AWS documents them', () => {
  it('covers the documented tag, backup and AI opt-out examples, each citing its page', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(13);
    expect(new Set(fixtures.map((f) => f.policyType))).toEqual(new Set(['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY']));
    for (const f of fixtures) expect(f.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/organizations\/latest\/userguide\/.+\.html/);
  });

  describe.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    it('accepts every input policy, and rejects a printed policy only where the fixture corrects it', () => {
      for (const p of fixture.policies) {
        const errors = validatePolicy(fixture.policyType, JSON.stringify(p.content)).diagnostics.filter((d) => d.severity === 'ERROR');
        expect([p.id, errors]).toEqual([p.id, []]);
        if (p.printed !== undefined) {
          expect(p.correction).toEqual(expect.any(String));
          expect(validatePolicy(fixture.policyType, JSON.stringify(p.printed)).valid).toBe(false);
        }
      }
    });

    const cases = fixture.documented.flatMap((result) => result.accounts.map((accountId) => [accountId, result] as const));
    it.each(cases)("computes AWS's documented result for account %s", (accountId, result) => {
      const effective = effectiveOf(fixture).get(accountId);
      expect(effective).toBeDefined();
      if (result.effectivePolicy) expect(effective!.content).toEqual(expectedFor(fixture, result, accountId));
      for (const [service, setting] of Object.entries(result.aiSettings ?? {})) {
        expect([service, aiServiceSetting(effective!, service).setting]).toEqual([service, setting]);
      }
    });

    const deviations = (fixture.deviations ?? []).map((d) => [d.path.join('.'), d] as const);
    if (deviations.length > 0) {
      it.each(deviations)('still needs its deviation at %s: the page prints it, the engine does not', (_path, deviation) => {
        for (const result of fixture.documented.filter((r) => r.effectivePolicy)) {
          for (const accountId of result.accounts.filter((a) => deviationsFor(fixture, a).includes(deviation))) {
            const printed = valueAt(result.effectivePolicy, deviation.path);
            expect(printed).toEqual('documented' in deviation ? { found: true, value: deviation.documented } : { found: false });
            const computed = valueAt(effectiveOf(fixture).get(accountId)!.content, deviation.path);
            expect(computed).not.toEqual(printed);
          }
        }
      });
    }
  });
});
