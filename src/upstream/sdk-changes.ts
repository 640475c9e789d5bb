import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeleteOrganizationalUnitCommand,
  DeletePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  MoveAccountCommand,
  type OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import type { OrganizationsPort } from '../domain/ports';
import { callUpstream } from './sdk-call';
import { toOrganizationalUnit, toPolicy, toRoot, toSdkTags } from './sdk-mappers';

type Changes = Pick<
  OrganizationsPort,
  | 'enablePolicyType'
  | 'disablePolicyType'
  | 'createPolicy'
  | 'updatePolicy'
  | 'deletePolicy'
  | 'attachPolicy'
  | 'detachPolicy'
  | 'createOrganizationalUnit'
  | 'updateOrganizationalUnit'
  | 'deleteOrganizationalUnit'
  | 'moveAccount'
  | 'tagResource'
  | 'untagResource'
>;

/**
 * The write half of the port. Each change returns the upstream request id, which the audit log
 * stores to join its rows to CloudTrail.
 */
export function sdkChanges(client: OrganizationsClient): Changes {
  const send = async <T extends { $metadata: { requestId?: string } }>(call: () => Promise<T>) => {
    const output = await callUpstream(call);
    return { output, upstreamRequestId: output.$metadata.requestId };
  };
  return {
    async enablePolicyType(RootId, PolicyType) {
      const { output, upstreamRequestId } = await send(() => client.send(new EnablePolicyTypeCommand({ RootId, PolicyType })));
      return { value: toRoot(output.Root ?? {}), upstreamRequestId };
    },
    async disablePolicyType(RootId, PolicyType) {
      const { output, upstreamRequestId } = await send(() => client.send(new DisablePolicyTypeCommand({ RootId, PolicyType })));
      return { value: toRoot(output.Root ?? {}), upstreamRequestId };
    },
    async createPolicy(request) {
      const { output, upstreamRequestId } = await send(() =>
        client.send(
          new CreatePolicyCommand({
            Name: request.name,
            Description: request.description,
            Type: request.type,
            Content: request.content,
            ...(request.tags.length > 0 ? { Tags: toSdkTags(request.tags) } : {}),
          }),
        ),
      );
      return { value: toPolicy(output.Policy), upstreamRequestId };
    },
    async updatePolicy(request) {
      const { output, upstreamRequestId } = await send(() =>
        client.send(new UpdatePolicyCommand({ PolicyId: request.id, Name: request.name, Description: request.description, Content: request.content })),
      );
      return { value: toPolicy(output.Policy), upstreamRequestId };
    },
    async deletePolicy(PolicyId) {
      const { upstreamRequestId } = await send(() => client.send(new DeletePolicyCommand({ PolicyId })));
      return { value: undefined, upstreamRequestId };
    },
    async attachPolicy(PolicyId, TargetId) {
      const { upstreamRequestId } = await send(() => client.send(new AttachPolicyCommand({ PolicyId, TargetId })));
      return { value: undefined, upstreamRequestId };
    },
    async detachPolicy(PolicyId, TargetId) {
      const { upstreamRequestId } = await send(() => client.send(new DetachPolicyCommand({ PolicyId, TargetId })));
      return { value: undefined, upstreamRequestId };
    },
    async createOrganizationalUnit(ParentId, Name, tags) {
      const { output, upstreamRequestId } = await send(() =>
        client.send(new CreateOrganizationalUnitCommand({ ParentId, Name, ...(tags.length > 0 ? { Tags: toSdkTags(tags) } : {}) })),
      );
      return { value: toOrganizationalUnit(output.OrganizationalUnit ?? {}), upstreamRequestId };
    },
    async updateOrganizationalUnit(OrganizationalUnitId, Name) {
      const { output, upstreamRequestId } = await send(() => client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId, Name })));
      return { value: toOrganizationalUnit(output.OrganizationalUnit ?? {}), upstreamRequestId };
    },
    async deleteOrganizationalUnit(OrganizationalUnitId) {
      const { upstreamRequestId } = await send(() => client.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId })));
      return { value: undefined, upstreamRequestId };
    },
    async moveAccount(AccountId, SourceParentId, DestinationParentId) {
      const { upstreamRequestId } = await send(() => client.send(new MoveAccountCommand({ AccountId, SourceParentId, DestinationParentId })));
      return { value: undefined, upstreamRequestId };
    },
    async tagResource(ResourceId, tags) {
      const { upstreamRequestId } = await send(() => client.send(new TagResourceCommand({ ResourceId, Tags: toSdkTags(tags) })));
      return { value: undefined, upstreamRequestId };
    },
    async untagResource(ResourceId, tagKeys) {
      const { upstreamRequestId } = await send(() => client.send(new UntagResourceCommand({ ResourceId, TagKeys: [...tagKeys] })));
      return { value: undefined, upstreamRequestId };
    },
  };
}
