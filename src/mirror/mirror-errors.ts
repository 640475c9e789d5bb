import { OrgqlError } from '../domain/errors';
import { invalidIdMember } from '../domain/node-id';

/**
 * The errors the SDK adapter gives for reads, reproduced from the snapshot so a caller cannot tell
 * a mirror answer from an upstream one: BAD_USER_INPUT for an id that breaks the service model's
 * pattern (src/upstream/id-guard-middleware.ts), NOT_FOUND with the AWS exception's name and
 * message (API reference, "Errors" of each read) for an id that does not exist.
 */
export function guardIds(command: string, input: Readonly<Record<string, unknown>>): void {
  const invalid = invalidIdMember(input);
  if (!invalid) return;
  const shown = typeof invalid.value === 'string' ? JSON.stringify(invalid.value.slice(0, 80)) : typeof invalid.value;
  throw new OrgqlError('BAD_USER_INPUT', `${invalid.member} ${shown} is not a valid id for ${command}Command.`, {
    field: invalid.member,
    reason: 'INVALID_PATTERN',
  });
}

const NOT_FOUND_MESSAGES = {
  AccountNotFoundException: (id: string) => `We can't find an account with the AccountId ${id}.`,
  OrganizationalUnitNotFoundException: (id: string) => `We can't find an OU with the OrganizationalUnitId ${id}.`,
  PolicyNotFoundException: (id: string) => `We can't find a policy with the PolicyId ${id}.`,
  ParentNotFoundException: (id: string) => `We can't find a root or OU with the ParentId ${id}.`,
  ChildNotFoundException: (id: string) => `We can't find an OU or account with the ChildId ${id}.`,
  TargetNotFoundException: (id: string) => `We can't find a root, OU or account with the TargetId ${id}.`,
  AccountTargetNotFound: (id: string) => `We can't find an account with the TargetId ${id}.`,
  ResourceNotFound: (id: string) => `We can't find a resource with the ResourceId ${id}.`,
  AWSOrganizationsNotInUseException: () => 'Your account is not a member of an organization.',
} as const;

export function notFound(exception: keyof typeof NOT_FOUND_MESSAGES, id = ''): OrgqlError {
  const upstreamException = exception === 'ResourceNotFound' || exception === 'AccountTargetNotFound' ? 'TargetNotFoundException' : exception;
  return new OrgqlError('NOT_FOUND', NOT_FOUND_MESSAGES[exception](id), { upstreamException });
}
