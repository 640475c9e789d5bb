import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { OrgqlError } from '../domain/errors';
import { invalidIdMember } from '../domain/node-id';

/**
 * Refuses a request whose ids do not match the service model's patterns before it is signed or
 * sent: invalid input never costs an upstream call (or a share of the API's small quotas). The
 * caller gets BAD_USER_INPUT, as AWS's InvalidInputException would give.
 */
export function addIdGuard(client: OrganizationsClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const invalid = invalidIdMember(args.input as Record<string, unknown>);
      if (invalid) {
        const shown = typeof invalid.value === 'string' ? JSON.stringify(invalid.value.slice(0, 80)) : typeof invalid.value;
        throw new OrgqlError('BAD_USER_INPUT', `${invalid.member} ${shown} is not a valid id for ${context.commandName ?? 'this call'}.`, {
          field: invalid.member,
          reason: 'INVALID_PATTERN',
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'orgqlIdGuard' },
  );
}
