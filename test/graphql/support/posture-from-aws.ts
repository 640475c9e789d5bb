import { DescribeEffectivePolicyCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { aiServiceSetting } from '../../../src/domain/policy';

/** The posture fields a test compares, as `aiOptOutPosture { accounts { edges { node { ... } } } }` selects them. */
export const POSTURE_ROW = 'accountId accountName status services { service setting source policyId operator locked status unknownReason }';

/** An SDK client for an emulator (the same one the gateway reads). */
export function sdkClient(emulatorUrl: string): OrganizationsClient {
  return new OrganizationsClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

/**
 * What DescribeEffectivePolicy says, account by account and service by service, read with
 * aiServiceSetting: `accountId service` -> { setting, source }. No effective policy (the
 * EffectivePolicyNotFoundException) means AWS's default, opted in.
 */
export async function settingsFromAws(client: OrganizationsClient, accountIds: readonly string[], services: readonly string[]): Promise<Map<string, object>> {
  const out = new Map<string, object>();
  const queue = [...accountIds];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const content = await client
        .send(new DescribeEffectivePolicyCommand({ PolicyType: 'AISERVICES_OPT_OUT_POLICY', TargetId: id }))
        .then((r) => JSON.parse(r.EffectivePolicy!.PolicyContent!) as Record<string, unknown>)
        .catch((error: { name?: string }) => {
          if (error.name === 'EffectivePolicyNotFoundException') return null;
          throw error;
        });
      for (const service of services) {
        const { setting, source } = aiServiceSetting({ content }, service);
        out.set(`${id} ${service}`, { setting, source });
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

interface Row {
  accountId: string;
  services: { service: string; setting: string | null; source: string | null }[];
}

/** The report's rows in the same shape as settingsFromAws. */
export function settingsOfReport(rows: readonly Row[]): Map<string, object> {
  const out = new Map<string, object>();
  for (const row of rows) for (const s of row.services) out.set(`${row.accountId} ${s.service}`, { setting: s.setting, source: s.source });
  return out;
}
