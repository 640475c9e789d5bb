import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { parseState, randomIdGenerator, seededRandom, StateDocumentError, type IdGenerator } from '../../src/emulator';
import { clientFor, startTestEmulator } from './harness';
import { startEmulator } from '../../src/emulator';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const OPT_OUT = JSON.stringify({ services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } });

async function snapshotOf(client: OrganizationsClient) {
  const organization = (await client.send(new DescribeOrganizationCommand({}))).Organization;
  const roots = (await client.send(new ListRootsCommand({}))).Roots;
  const accounts = (await client.send(new ListAccountsCommand({}))).Accounts;
  return { organization, roots, accounts };
}

describe('the emulator state document', () => {
  it('restores an organization with its ids, policies, attachments, tags and create-account statuses', async () => {
    const first = await startTestEmulator({ seed: 'empty' });
    const c = first.client;
    const rootId = (await c.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await c.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: AI }));
    const ou = (await c.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Kept', Tags: [{ Key: 'team', Value: 'core' }] })))
      .OrganizationalUnit!;
    const policy = (await c.send(new CreatePolicyCommand({ Name: 'opt-out', Description: '', Type: AI, Content: OPT_OUT }))).Policy!.PolicySummary!;
    await c.send(new AttachPolicyCommand({ PolicyId: policy.Id!, TargetId: ou.Id! }));
    const request = (await c.send(new CreateAccountCommand({ Email: 'kept@example.com', AccountName: 'Kept' }))).CreateAccountStatus!;
    const status = (await c.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.Id! }))).CreateAccountStatus!;
    const before = await snapshotOf(c);
    const text = first.emulator.serialize();
    await first.close();

    const second = await startTestEmulator({ restore: parseState(text) });
    try {
      const d = second.client;
      expect(await snapshotOf(d)).toEqual(before);
      expect((await d.send(new ListPoliciesForTargetCommand({ TargetId: ou.Id!, Filter: AI }))).Policies?.map((p) => p.Id)).toEqual([policy.Id]);
      expect((await d.send(new ListTagsForResourceCommand({ ResourceId: ou.Id! }))).Tags).toEqual([{ Key: 'team', Value: 'core' }]);
      expect((await d.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.Id! }))).CreateAccountStatus).toEqual(status);
      expect(second.emulator.serialize()).toBe(text);
    } finally {
      await second.close();
    }
  });

  it('never issues an id again, not even one whose entity was deleted before the restart', async () => {
    // Both runs draw policy ids from the same script: without a memory, the second run would hand out p-aaaaaaaa again.
    const scripted = (): IdGenerator => {
      const next = ['p-aaaaaaaa', 'p-bbbbbbbb'];
      return { ...randomIdGenerator(seededRandom(7)), policyId: () => next.shift() ?? 'p-zzzzzzzz' };
    };
    const first = await startEmulator({ port: 0, seed: 'empty', ids: scripted() });
    const c = clientFor(first);
    const rootId = (await c.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await c.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: AI }));
    const deleted = (await c.send(new CreatePolicyCommand({ Name: 'gone', Description: '', Type: AI, Content: OPT_OUT }))).Policy!.PolicySummary!.Id!;
    await c.send(new DeletePolicyCommand({ PolicyId: deleted }));
    const text = first.serialize();
    c.destroy();
    await first.close();

    const second = await startEmulator({ port: 0, restore: parseState(text), ids: scripted() });
    const d = clientFor(second);
    try {
      const created = (await d.send(new CreatePolicyCommand({ Name: 'new', Description: '', Type: AI, Content: OPT_OUT }))).Policy!.PolicySummary!.Id!;
      expect(deleted).toBe('p-aaaaaaaa');
      expect(created).toBe('p-bbbbbbbb');
      expect(parseState(second.serialize()).issuedIds).toEqual(expect.arrayContaining([deleted, created, rootId]));
    } finally {
      d.destroy();
      await second.close();
    }
  });

  it.each([
    ['text that is not JSON', '{"format": "orgql-emulator-state", "secret-looking": tru', 'it is not valid JSON'],
    ['JSON of another shape', JSON.stringify({ format: 'orgql-emulator-state', version: 1, organizationId: 'o-secretvalue1' }), 'at managementAccountId'],
    ['a document of another version', JSON.stringify({ format: 'orgql-emulator-state', version: 99 }), 'at version'],
  ])('refuses %s without quoting it', (_name, text, message) => {
    let error: unknown;
    try {
      parseState(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StateDocumentError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toMatch(/secret/);
  });
});
