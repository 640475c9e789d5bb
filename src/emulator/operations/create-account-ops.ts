import { AwsError } from '../aws-error';
import { freshId } from '../ids';
import type { Operation } from '../operation-context';
import { pageOutput, paginate } from '../pagination';
import { mergedTags, toTags } from '../tags';
import { createAccountStatusShape } from '../wire-shapes';

/** CreateAccount is asynchronous in AWS; see pending-work.ts for when the request completes. */
export const createAccount: Operation = ({ state, now, ids }, input) => {
  const tags = mergedTags([], toTags(input.Tags));
  const id = freshId(
    () => ids.createAccountRequestId(),
    (candidate) => state.createAccountRequests.has(candidate),
  );
  const request = {
    id,
    accountName: String(input.AccountName),
    email: String(input.Email),
    parentId: state.root.id,
    tags,
    requestedAt: now(),
  };
  state.createAccountRequests.set(id, request);
  return { CreateAccountStatus: createAccountStatusShape(request) };
};

export const describeCreateAccountStatus: Operation = ({ state }, input) => {
  const id = String(input.CreateAccountRequestId);
  const request = state.createAccountRequests.get(id);
  if (!request) {
    throw new AwsError('CreateAccountStatusNotFoundException', `We can't find a create account request with the ID ${id}.`);
  }
  return { CreateAccountStatus: createAccountStatusShape(request) };
};

export const listCreateAccountStatus: Operation = ({ state }, input) => {
  const wanted = Array.isArray(input.States) ? (input.States as string[]) : undefined;
  const statuses = [...state.createAccountRequests.values()]
    .map(createAccountStatusShape)
    .filter((status) => !wanted || wanted.length === 0 || wanted.includes(String(status.State)));
  const page = paginate(statuses, (status) => String(status.Id), {
    op: 'ListCreateAccountStatus',
    fingerprint: wanted ? [...wanted].sort().join(',') : '',
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('CreateAccountStatuses', page);
};
