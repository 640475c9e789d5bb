import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { OrganizationsPort } from '../domain/ports';
import { sdkAccounts } from './sdk-accounts';
import { sdkChanges } from './sdk-changes';
import { sdkReads } from './sdk-reads';

/**
 * OrganizationsPort over the AWS SDK v3 (reads in sdk-reads.ts, changes in sdk-changes.ts, account
 * creation and closure in sdk-accounts.ts).
 * Every failure leaves here as an OrgqlError; retries and backoff are the client's (client-factory.ts).
 */
export function createSdkOrganizations(client: OrganizationsClient): OrganizationsPort {
  return { ...sdkReads(client), ...sdkChanges(client), ...sdkAccounts(client) };
}
