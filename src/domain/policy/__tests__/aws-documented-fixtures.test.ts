import { aiServiceSetting, computeEffectivePoliciesForTree, validatePolicy } from '../index';
import { type AwsFixture, deviationsFor, elided, expectedFor, loadFixtures, toTree, valueAt } from './aws-fixture';

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
      if (result.effectivePolicy) expect(effective!.content).toEqual(elided(expectedFor(fixture, result, accountId)));
      for (const [service, setting] of Object.entries(result.aiSettings ?? {})) {
        expect([service, aiServiceSetting(effective!, service).setting]).toEqual([service, setting]);
      }
    });

    const withDeviations = cases.filter(([accountId, result]) => result.effectivePolicy && deviationsFor(fixture, accountId).length > 0);
    if (withDeviations.length > 0) {
      it.each(withDeviations)('needs each of its deviations for account %s: the page prints it, the engine does not', (accountId, result) => {
        const computed = effectiveOf(fixture).get(accountId)!.content;
        expectedFor(fixture, result, accountId, (deviation, printed) => {
          const where = deviation.path.join('.');
          expect([where, printed]).toEqual([
            where,
            'documented' in deviation || deviation.renameTo ? expect.objectContaining({ found: true }) : { found: false },
          ]);
          if ('documented' in deviation) expect([where, printed.value]).toEqual([where, deviation.documented]);
          const engine = valueAt(computed, deviation.path);
          expect([where, engine]).not.toEqual([where, printed]);
          if (deviation.renameTo) expect(valueAt(computed, [...deviation.path.slice(0, -1), deviation.renameTo]).found).toBe(true);
        });
      });
    }
  });
});
