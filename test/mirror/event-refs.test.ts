import { refsForEvent } from '../../src/mirror/event-refs';
import { parseOrganizationsEvent } from '../../src/mirror/organizations-event-schema';

/**
 * Realistic EventBridge events for Organizations calls (shapes from the CloudTrail record reference
 * and shared/docs/org-events.md), and the entities each one names for the mirror to re-read.
 */
const ROOT = 'r-examplerootid111';
const OU = 'ou-examplerootid111-exampleouid111';
const OU2 = 'ou-examplerootid111-exampleouid222';
const ACCOUNT = '222222222222';
const POLICY = 'p-examplepolicyid111';

function eventFor(eventName: string, requestParameters: unknown, responseElements: unknown = null, extra: Record<string, unknown> = {}): unknown {
  return {
    version: '0',
    id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.organizations',
    account: '111111111111',
    time: '2026-11-30T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:alice',
        arn: 'arn:aws:sts::111111111111:assumed-role/PlatformAdmin/alice',
        accountId: '111111111111',
        accessKeyId: 'ASIAEXAMPLE',
        sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111111111111:role/PlatformAdmin' } },
      },
      eventTime: '2026-11-30T12:00:00Z',
      eventSource: 'organizations.amazonaws.com',
      eventName,
      awsRegion: 'us-east-1',
      sourceIPAddress: '203.0.113.10',
      userAgent: 'aws-cli/2.15.0 md/Botocore#1.34.0',
      requestParameters,
      responseElements,
      requestID: '3b1e6c2a-1111-2222-3333-444444444444',
      eventID: '5d0c7e1f-1111-2222-3333-444444444444',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '111111111111',
      eventCategory: 'Management',
      ...extra,
    },
  };
}

function refsOf(event: unknown) {
  const parsed = parseOrganizationsEvent(event);
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.problems.join('; ')}`);
  return refsForEvent(parsed.event);
}

describe('the entities an Organizations event names', () => {
  it.each([
    [
      'AttachPolicy',
      { policyId: POLICY, targetId: OU },
      null,
      [
        { kind: 'ATTACHMENTS', targetId: OU },
        { kind: 'TARGETS', policyId: POLICY },
      ],
    ],
    [
      'DetachPolicy',
      { policyId: POLICY, targetId: ACCOUNT },
      null,
      [
        { kind: 'ATTACHMENTS', targetId: ACCOUNT },
        { kind: 'TARGETS', policyId: POLICY },
      ],
    ],
    [
      'CreatePolicy',
      { content: '{"services":{}}', description: 'opt out', name: 'ai-opt-out', type: 'AISERVICES_OPT_OUT_POLICY', tags: [{ key: 'team', value: 'platform' }] },
      {
        policy: {
          policySummary: {
            id: POLICY,
            arn: `arn:aws:organizations::111111111111:policy/o-exampleorgid/aiservices_opt_out_policy/${POLICY}`,
            name: 'ai-opt-out',
            type: 'AISERVICES_OPT_OUT_POLICY',
            awsManaged: false,
          },
          content: '{"services":{}}',
        },
      },
      [
        { kind: 'POLICY', id: POLICY },
        { kind: 'POLICIES', type: 'AISERVICES_OPT_OUT_POLICY' },
        { kind: 'TAGS', resourceId: POLICY },
      ],
    ],
    ['UpdatePolicy', { policyId: POLICY, name: 'renamed' }, { policy: { policySummary: { id: POLICY } } }, [{ kind: 'POLICY', id: POLICY }]],
    ['DeletePolicy', { policyId: POLICY }, null, [{ kind: 'POLICY', id: POLICY }]],
    [
      'EnablePolicyType',
      { rootId: ROOT, policyType: 'SERVICE_CONTROL_POLICY' },
      { root: { id: ROOT, policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'PENDING_ENABLE' }] } },
      [{ kind: 'ROOTS' }, { kind: 'TARGETS', policyId: 'p-FullAWSAccess' }, { kind: 'POLICIES', type: 'SERVICE_CONTROL_POLICY' }],
    ],
    ['EnablePolicyType', { rootId: ROOT, policyType: 'TAG_POLICY' }, { root: { id: ROOT } }, [{ kind: 'ROOTS' }, { kind: 'POLICIES', type: 'TAG_POLICY' }]],
    [
      'DisablePolicyType',
      { rootId: ROOT, policyType: 'BACKUP_POLICY' },
      { root: { id: ROOT } },
      [{ kind: 'ROOTS' }, { kind: 'POLICIES', type: 'BACKUP_POLICY' }],
    ],
    [
      'CreateOrganizationalUnit',
      { parentId: ROOT, name: 'Sandbox', tags: [{ key: 'env', value: 'dev' }] },
      { organizationalUnit: { id: OU, arn: `arn:aws:organizations::111111111111:ou/o-exampleorgid/${OU}`, name: 'Sandbox' } },
      [
        { kind: 'ORGANIZATIONAL_UNIT', id: OU },
        { kind: 'CHILDREN', parentId: ROOT },
        { kind: 'ATTACHMENTS', targetId: OU },
        { kind: 'TAGS', resourceId: OU },
      ],
    ],
    [
      'UpdateOrganizationalUnit',
      { organizationalUnitId: OU, name: 'Renamed' },
      { organizationalUnit: { id: OU, name: 'Renamed' } },
      [{ kind: 'ORGANIZATIONAL_UNIT', id: OU }],
    ],
    ['DeleteOrganizationalUnit', { organizationalUnitId: OU }, null, [{ kind: 'ORGANIZATIONAL_UNIT', id: OU }]],
    [
      'MoveAccount',
      { accountId: ACCOUNT, sourceParentId: OU, destinationParentId: OU2 },
      null,
      [
        { kind: 'ACCOUNT', id: ACCOUNT },
        { kind: 'CHILDREN', parentId: OU },
        { kind: 'CHILDREN', parentId: OU2 },
      ],
    ],
    ['CloseAccount', { accountId: ACCOUNT }, null, [{ kind: 'ACCOUNT', id: ACCOUNT }]],
    ['RemoveAccountFromOrganization', { accountId: ACCOUNT }, null, [{ kind: 'ACCOUNT', id: ACCOUNT }]],
    ['TagResource', { resourceId: OU, tags: [{ key: 'env', value: 'prod' }] }, null, [{ kind: 'TAGS', resourceId: OU }]],
    ['UntagResource', { resourceId: ACCOUNT, tagKeys: ['env'] }, null, [{ kind: 'TAGS', resourceId: ACCOUNT }]],
    ['EnableAllFeatures', null, { handshake: { id: 'h-examplehandshakeid111', action: 'ENABLE_ALL_FEATURES' } }, [{ kind: 'ORGANIZATION' }]],
    [
      'AcceptHandshake',
      { handshakeId: 'h-examplehandshakeid111' },
      {
        handshake: {
          id: 'h-examplehandshakeid111',
          action: 'INVITE',
          state: 'ACCEPTED',
          parties: [
            { id: 'o-exampleorgid', type: 'ORGANIZATION' },
            { id: ACCOUNT, type: 'ACCOUNT' },
          ],
        },
      },
      [
        { kind: 'ACCOUNT', id: ACCOUNT },
        { kind: 'ATTACHMENTS', targetId: ACCOUNT },
      ],
    ],
  ])('%s names exactly the entities it changed', (eventName, request, response, refs) => {
    expect(refsOf(eventFor(eventName, request, response))).toEqual({ kind: 'REFS', refs });
  });

  it('LeaveOrganization names the calling member account', () => {
    const event = eventFor('LeaveOrganization', null, null, {
      userIdentity: { type: 'AssumedRole', accountId: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/bob` },
      recipientAccountId: ACCOUNT,
    });
    expect(refsOf(event)).toEqual({ kind: 'REFS', refs: [{ kind: 'ACCOUNT', id: ACCOUNT }] });
  });

  it('CreateAccount names nothing yet; its CreateAccountResult service event names the new account', () => {
    const create = eventFor(
      'CreateAccount',
      { accountName: 'Dev', email: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
      { createAccountStatus: { id: 'car-exampleid111', state: 'IN_PROGRESS' } },
    );
    expect(refsOf(create)).toEqual({ kind: 'NONE', reason: 'NOT_YET' });
    const result = {
      ...(eventFor('CreateAccountResult', null, null, {
        eventType: 'AwsServiceEvent',
        userIdentity: { accountId: '111111111111', invokedBy: 'AWS Internal' },
        requestID: undefined,
        serviceEventDetails: { createAccountStatus: { id: 'car-exampleid111', state: 'SUCCEEDED', accountName: 'Dev', accountId: ACCOUNT } },
      }) as object),
      'detail-type': 'AWS Service Event via CloudTrail',
    };
    expect(refsOf(result)).toEqual({
      kind: 'REFS',
      refs: [
        { kind: 'ACCOUNT', id: ACCOUNT },
        { kind: 'ATTACHMENTS', targetId: ACCOUNT },
        { kind: 'TAGS', resourceId: ACCOUNT },
      ],
    });
    const failed = eventFor('CreateAccountResult', null, null, {
      eventType: 'AwsServiceEvent',
      serviceEventDetails: { createAccountStatus: { state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS' } },
    });
    expect(refsOf(failed)).toEqual({ kind: 'NONE', reason: 'FAILED_CALL' });
  });

  it('reads nested response members whatever their casing', () => {
    const event = eventFor('CreateOrganizationalUnit', { parentId: ROOT, name: 'x' }, { OrganizationalUnit: { Id: OU } });
    expect(refsOf(event)).toMatchObject({
      kind: 'REFS',
      refs: [
        { kind: 'ORGANIZATIONAL_UNIT', id: OU },
        { kind: 'CHILDREN', parentId: ROOT },
        { kind: 'ATTACHMENTS', targetId: OU },
        { kind: 'TAGS', resourceId: OU },
      ],
    });
  });

  it('ignores failed calls, reads, and calls whose effects the mirror does not hold', () => {
    expect(
      refsOf(
        eventFor('AttachPolicy', { policyId: POLICY, targetId: OU }, null, {
          errorCode: 'DuplicatePolicyAttachmentException',
          errorMessage: 'already attached',
        }),
      ),
    ).toEqual({ kind: 'NONE', reason: 'FAILED_CALL' });
    expect(refsOf(eventFor('ListRoots', null, null, { readOnly: true }))).toEqual({ kind: 'NONE', reason: 'READ_ONLY' });
    expect(refsOf(eventFor('DescribePolicy', { policyId: POLICY }))).toEqual({ kind: 'NONE', reason: 'READ_ONLY' });
    for (const name of [
      'RegisterDelegatedAdministrator',
      'DeregisterDelegatedAdministrator',
      'PutResourcePolicy',
      'DeleteResourcePolicy',
      'EnableAWSServiceAccess',
      'DisableAWSServiceAccess',
      'InviteAccountToOrganization',
    ]) {
      expect({ name, refresh: refsOf(eventFor(name, { accountId: ACCOUNT })) }).toEqual({ name, refresh: { kind: 'NONE', reason: 'NOT_MIRRORED' } });
    }
  });

  it('asks for a full sync after a change it cannot follow entity by entity', () => {
    expect(refsOf(eventFor('TerminateResponsibilityTransfer', { id: 'rt-example' }))).toMatchObject({ kind: 'FULL_SYNC' });
    expect(refsOf(eventFor('AcceptHandshake', { handshakeId: 'h-examplehandshakeid111' }, null))).toMatchObject({ kind: 'FULL_SYNC' });
  });

  it('calls an event malformed when a member its call always has is missing', () => {
    expect(refsOf(eventFor('AttachPolicy', { policyId: POLICY }))).toEqual({ kind: 'INVALID', problems: ['AttachPolicy without requestParameters.targetId'] });
    expect(refsOf(eventFor('CreatePolicy', { name: 'x', type: 'TAG_POLICY' }, null))).toMatchObject({ kind: 'INVALID' });
  });
});

describe('validating an event', () => {
  it('accepts the realistic event and keeps members it does not know', () => {
    const parsed = parseOrganizationsEvent(eventFor('TagResource', { resourceId: OU, tags: [] }, null, { tlsDetails: { tlsVersion: 'TLSv1.3' } }));
    expect(parsed).toMatchObject({ ok: true, event: { detail: { eventName: 'TagResource', tlsDetails: { tlsVersion: 'TLSv1.3' } } } });
  });

  it('calls an event of another source or detail-type foreign', () => {
    const ec2 = { ...(eventFor('RunInstances', {}) as object), source: 'aws.ec2' };
    expect(parseOrganizationsEvent(ec2)).toMatchObject({ ok: false, code: 'FOREIGN_EVENT' });
    const stateChange = { ...(eventFor('AttachPolicy', {}) as object), 'detail-type': 'AWS Console Sign In via CloudTrail' };
    expect(parseOrganizationsEvent(stateChange)).toMatchObject({ ok: false, code: 'FOREIGN_EVENT' });
  });

  it('calls anything else that is not a valid Organizations event malformed, saying where', () => {
    expect(parseOrganizationsEvent('AttachPolicy')).toMatchObject({ ok: false, code: 'MALFORMED_EVENT' });
    expect(parseOrganizationsEvent([])).toMatchObject({ ok: false, code: 'MALFORMED_EVENT' });
    const noDetail = { ...(eventFor('AttachPolicy', {}) as object), detail: undefined };
    expect(parseOrganizationsEvent(noDetail)).toMatchObject({ ok: false, code: 'MALFORMED_EVENT', problems: [expect.stringMatching(/^detail: /)] });
    const otherService = eventFor('AttachPolicy', {}, null, { eventSource: 'iam.amazonaws.com' });
    expect(parseOrganizationsEvent(otherService)).toMatchObject({
      ok: false,
      code: 'MALFORMED_EVENT',
      problems: [expect.stringMatching(/^detail\.eventSource: /)],
    });
    const badName = eventFor('Attach Policy; DROP', {});
    expect(parseOrganizationsEvent(badName)).toMatchObject({ ok: false, code: 'MALFORMED_EVENT' });
  });
});
