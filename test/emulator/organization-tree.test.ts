import {
  CreateOrganizationalUnitCommand,
  DeleteOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import { expectAwsError, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

describe('roots and organizational units', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator({ seed: 'demo' });
  });
  afterEach(() => t.close());

  it('describes the organization with AWS-format ids and ARNs', async () => {
    const { Organization } = await t.client.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({
      Id: 'o-orgqldemo01',
      Arn: 'arn:aws:organizations::111111111111:organization/o-orgqldemo01',
      MasterAccountArn: 'arn:aws:organizations::111111111111:account/o-orgqldemo01/111111111111',
      MasterAccountEmail: 'management@example.com',
    });
  });

  it('lists the single root with its enabled policy types', async () => {
    const { Roots } = await t.client.send(new ListRootsCommand({}));
    expect(Roots).toEqual([
      {
        Id: 'r-demo',
        Arn: 'arn:aws:organizations::111111111111:root/o-orgqldemo01/r-demo',
        Name: 'Root',
        PolicyTypes: [{ Type: 'AISERVICES_OPT_OUT_POLICY', Status: 'ENABLED' }],
      },
    ]);
  });

  it('creates an OU whose id embeds the root suffix and whose path ends with its id', async () => {
    const { OrganizationalUnit } = await t.client.send(new CreateOrganizationalUnitCommand({ ParentId: 'ou-demo-workloads', Name: 'Staging' }));
    expect(OrganizationalUnit?.Id).toMatch(/^ou-demo-[a-z0-9]{8,32}$/);
    expect(OrganizationalUnit?.Arn).toBe(`arn:aws:organizations::111111111111:ou/o-orgqldemo01/${OrganizationalUnit?.Id}`);
    expect(OrganizationalUnit?.Path).toBe(`o-orgqldemo01/r-demo/ou-demo-workloads/${OrganizationalUnit?.Id}/`);
    const described = await t.client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: OrganizationalUnit?.Id }));
    expect(described.OrganizationalUnit?.Name).toBe('Staging');
  });

  it('lets exactly one of many concurrent creates of the same OU name win', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () => t.client.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'Race' }))),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const ous = await t.client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'r-demo' }));
    expect(ous.OrganizationalUnits?.filter((ou) => ou.Name === 'Race')).toHaveLength(1);
  });

  it('refuses a sibling OU with the same name', async () => {
    await expectAwsError(t.client.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'Security' })), 'DuplicateOrganizationalUnitException');
  });

  it('refuses a sixth level of OUs with OU_DEPTH_LIMIT_EXCEEDED', async () => {
    let parent = 'ou-demo-payments';
    for (const name of ['L4', 'L5']) {
      const { OrganizationalUnit } = await t.client.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: name }));
      parent = OrganizationalUnit?.Id ?? '';
    }
    await expectAwsError(
      t.client.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: 'L6' })),
      'ConstraintViolationException',
      'OU_DEPTH_LIMIT_EXCEEDED',
    );
  });

  it('reports an unknown parent as ParentNotFoundException', async () => {
    await expectAwsError(t.client.send(new CreateOrganizationalUnitCommand({ ParentId: 'ou-demo-nothere1', Name: 'X' })), 'ParentNotFoundException');
  });

  it('renames an OU in place and refuses a name a sibling has', async () => {
    const { OrganizationalUnit } = await t.client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-demo-sandboxes', Name: 'Playground' }));
    expect(OrganizationalUnit).toMatchObject({ Id: 'ou-demo-sandboxes', Name: 'Playground' });
    await expectAwsError(
      t.client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-demo-sandboxes', Name: 'Security' })),
      'DuplicateOrganizationalUnitException',
    );
    await expectAwsError(
      t.client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-demo-nothere1', Name: 'X' })),
      'OrganizationalUnitNotFoundException',
    );
  });

  it('deletes only empty OUs', async () => {
    await expectAwsError(
      t.client.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-demo-workloads' })),
      'OrganizationalUnitNotEmptyException',
    );
    const { OrganizationalUnit } = await t.client.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'Empty' }));
    await t.client.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: OrganizationalUnit?.Id }));
    await expectAwsError(
      t.client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: OrganizationalUnit?.Id })),
      'OrganizationalUnitNotFoundException',
    );
  });

  it('lists OUs and children of a parent, accounts and OUs separately', async () => {
    const ous = await t.client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-demo-workloads' }));
    expect(ous.OrganizationalUnits?.map((ou) => ou.Name)).toEqual(['Production', 'Development', 'ML Platform']);
    const accounts = await t.client.send(new ListChildrenCommand({ ParentId: 'ou-demo-production', ChildType: 'ACCOUNT' }));
    expect(accounts.Children).toEqual([{ Id: '444444444444', Type: 'ACCOUNT' }]);
    const children = await t.client.send(new ListChildrenCommand({ ParentId: 'ou-demo-production', ChildType: 'ORGANIZATIONAL_UNIT' }));
    expect(children.Children).toEqual([{ Id: 'ou-demo-payments', Type: 'ORGANIZATIONAL_UNIT' }]);
    await expectAwsError(t.client.send(new ListChildrenCommand({ ParentId: 'r-zzzz', ChildType: 'ACCOUNT' })), 'ParentNotFoundException');
  });

  it('lists exactly one parent of an account or OU', async () => {
    expect((await t.client.send(new ListParentsCommand({ ChildId: '555555555555' }))).Parents).toEqual([
      { Id: 'ou-demo-payments', Type: 'ORGANIZATIONAL_UNIT' },
    ]);
    expect((await t.client.send(new ListParentsCommand({ ChildId: 'ou-demo-security' }))).Parents).toEqual([{ Id: 'r-demo', Type: 'ROOT' }]);
    await expectAwsError(t.client.send(new ListParentsCommand({ ChildId: '000000000000' })), 'ChildNotFoundException');
  });
});
