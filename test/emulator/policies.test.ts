import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListTargetsForPolicyCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { awsError, expectAwsError, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const aiContent = (service: string, value: 'optIn' | 'optOut') => JSON.stringify({ services: { [service]: { opt_out_policy: { '@@assign': value } } } });
const SCP = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] });

describe('policies', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator({ seed: 'demo' });
  });
  afterEach(() => t.close());

  const create = (Name: string, Content: string, Type: string = AI) =>
    t.client.send(new CreatePolicyCommand({ Name, Content, Type: Type as typeof AI, Description: '' }));

  it('creates a policy with a p- id and the documented ARN, content stored as sent', async () => {
    const content = aiContent('polly', 'optIn');
    const { Policy } = await create('PollyIn', content);
    expect(Policy?.PolicySummary?.Id).toMatch(/^p-[0-9a-zA-Z_]{8,128}$/);
    expect(Policy?.PolicySummary).toMatchObject({
      Arn: `arn:aws:organizations::111111111111:policy/o-orgqldemo01/aiservices_opt_out_policy/${Policy?.PolicySummary?.Id}`,
      Name: 'PollyIn',
      Type: AI,
      AwsManaged: false,
    });
    expect(Policy?.Content).toBe(content);
    const described = await t.client.send(new DescribePolicyCommand({ PolicyId: Policy?.PolicySummary?.Id }));
    expect(described.Policy?.Content).toBe(content);
  });

  it('refuses a duplicate name, malformed content and content over the per-type size limit', async () => {
    await expectAwsError(create('OptOutAllByDefault', aiContent('lex', 'optIn')), 'DuplicatePolicyException');
    const malformed = await awsError(create('Bad', '{"services":{"lex":{"opt_out_policy":{"@@append":"optIn"}}}}'));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    expect(malformed.message).toBeTruthy();
    await expectAwsError(create('NotJson', '{nope'), 'MalformedPolicyDocumentException');
    const big = JSON.stringify({ services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } }, pad: 'x'.repeat(2600) });
    await expectAwsError(create('Big', big), 'ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED');
  });

  it('updates name, description and content, and refuses to edit or delete AWS-managed policies', async () => {
    const { Policy } = await t.client.send(
      new UpdatePolicyCommand({ PolicyId: 'p-rekognitionin', Name: 'Renamed', Content: aiContent('rekognition', 'optOut') }),
    );
    expect(Policy?.PolicySummary?.Name).toBe('Renamed');
    expect(Policy?.Content).toBe(aiContent('rekognition', 'optOut'));
    await expectAwsError(t.client.send(new UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Name: 'Mine' })), 'InvalidInputException', 'IMMUTABLE_POLICY');
    await expectAwsError(t.client.send(new DeletePolicyCommand({ PolicyId: 'p-FullAWSAccess' })), 'InvalidInputException', 'IMMUTABLE_POLICY');
    await expectAwsError(t.client.send(new UpdatePolicyCommand({ PolicyId: 'p-doesnotexist', Name: 'X' })), 'PolicyNotFoundException');
  });

  it('deletes only policies that are attached nowhere', async () => {
    await expectAwsError(t.client.send(new DeletePolicyCommand({ PolicyId: 'p-aioptoutall' })), 'PolicyInUseException');
    await t.client.send(new DeletePolicyCommand({ PolicyId: 'p-rekognitionin' }));
    await expectAwsError(t.client.send(new DescribePolicyCommand({ PolicyId: 'p-rekognitionin' })), 'PolicyNotFoundException');
  });

  it('lists policies of a type, targets of a policy and direct attachments of a target', async () => {
    const { Policies } = await t.client.send(new ListPoliciesCommand({ Filter: AI }));
    expect(Policies?.map((p) => p.Id)).toEqual(['p-aioptoutall', 'p-lockcomprehend', 'p-allowlexoptin', 'p-rekognitionin']);
    const { Targets } = await t.client.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-allowlexoptin' }));
    expect(Targets).toEqual([
      {
        TargetId: 'ou-demo-mlplatform',
        Arn: 'arn:aws:organizations::111111111111:ou/o-orgqldemo01/ou-demo-mlplatform',
        Name: 'ML Platform',
        Type: 'ORGANIZATIONAL_UNIT',
      },
    ]);
    const direct = await t.client.send(new ListPoliciesForTargetCommand({ TargetId: '888888888888', Filter: AI }));
    expect(direct.Policies).toEqual([]);
    await expectAwsError(t.client.send(new ListPoliciesForTargetCommand({ TargetId: '000000000000', Filter: AI })), 'TargetNotFoundException');
  });

  it('attaches and detaches with the documented errors', async () => {
    const attach = (PolicyId: string, TargetId: string) => t.client.send(new AttachPolicyCommand({ PolicyId, TargetId }));
    const detach = (PolicyId: string, TargetId: string) => t.client.send(new DetachPolicyCommand({ PolicyId, TargetId }));
    await attach('p-rekognitionin', '888888888888');
    await expectAwsError(attach('p-rekognitionin', '888888888888'), 'DuplicatePolicyAttachmentException');
    await expectAwsError(attach('p-doesnotexist', '888888888888'), 'PolicyNotFoundException');
    await expectAwsError(attach('p-rekognitionin', '000000000000'), 'TargetNotFoundException');
    await detach('p-rekognitionin', '888888888888');
    await expectAwsError(detach('p-rekognitionin', '888888888888'), 'PolicyNotAttachedException');
  });

  it('refuses a sixth AI opt-out policy on one node with MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', async () => {
    for (const service of ['lex', 'polly', 'translate', 'textract', 'transcribe', 'rekognition']) {
      const { Policy } = await create(`P-${service}`, aiContent(service, 'optIn'));
      const attach = t.client.send(new AttachPolicyCommand({ PolicyId: Policy?.PolicySummary?.Id, TargetId: '999999999999' }));
      if (service === 'rekognition') await expectAwsError(attach, 'ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      else await attach;
    }
  });

  it('needs the policy type enabled on the root before attaching', async () => {
    const { Policy } = await create('DenyEc2', SCP, 'SERVICE_CONTROL_POLICY');
    await expectAwsError(t.client.send(new AttachPolicyCommand({ PolicyId: Policy?.PolicySummary?.Id, TargetId: 'r-demo' })), 'PolicyTypeNotEnabledException');
  });

  it('enables SCPs by attaching FullAWSAccess everywhere, including new OUs, and keeps one SCP per node', async () => {
    const { Root } = await t.client.send(new EnablePolicyTypeCommand({ RootId: 'r-demo', PolicyType: 'SERVICE_CONTROL_POLICY' }));
    expect(Root?.PolicyTypes).toContainEqual({ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' });
    await expectAwsError(
      t.client.send(new EnablePolicyTypeCommand({ RootId: 'r-demo', PolicyType: 'SERVICE_CONTROL_POLICY' })),
      'PolicyTypeAlreadyEnabledException',
    );
    const onAccount = await t.client.send(new ListPoliciesForTargetCommand({ TargetId: '555555555555', Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(onAccount.Policies).toEqual([
      {
        Id: 'p-FullAWSAccess',
        Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        Name: 'FullAWSAccess',
        Description: 'Allows access to every operation',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: true,
      },
    ]);
    const targets = await t.client.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' }));
    expect(targets.Targets).toHaveLength(1 + 7 + 11);
    const { OrganizationalUnit } = await t.client.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'New' }));
    const onNewOu = await t.client.send(new ListPoliciesForTargetCommand({ TargetId: OrganizationalUnit?.Id, Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(onNewOu.Policies?.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
    await expectAwsError(
      t.client.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: '555555555555' })),
      'ConstraintViolationException',
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    );
    const { Policy } = await create('DenyEc2', SCP, 'SERVICE_CONTROL_POLICY');
    await t.client.send(new AttachPolicyCommand({ PolicyId: Policy?.PolicySummary?.Id, TargetId: '555555555555' }));
    await t.client.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: '555555555555' }));
    await expectAwsError(t.client.send(new DeletePolicyCommand({ PolicyId: Policy?.PolicySummary?.Id })), 'PolicyInUseException');
  });

  it('disables a type by detaching its policies everywhere while keeping the policies', async () => {
    const { Root } = await t.client.send(new DisablePolicyTypeCommand({ RootId: 'r-demo', PolicyType: AI }));
    expect(Root?.PolicyTypes).toEqual([]);
    expect((await t.client.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-aioptoutall' }))).Targets).toEqual([]);
    expect((await t.client.send(new ListPoliciesCommand({ Filter: AI }))).Policies).toHaveLength(4);
    await expectAwsError(t.client.send(new DisablePolicyTypeCommand({ RootId: 'r-demo', PolicyType: AI })), 'PolicyTypeNotEnabledException');
    await expectAwsError(t.client.send(new EnablePolicyTypeCommand({ RootId: 'r-zzzz', PolicyType: AI })), 'RootNotFoundException');
  });
});
