import { z } from 'zod';
import { POLICY_TYPES } from '../domain/policy-type';
import type { OrgState } from './org-state';

/**
 * The emulator's organization as a JSON document, so a restarted emulator serves the same org: ids,
 * policies, attachments, tags, create-account requests and the ids ever issued (issued-ids.ts).
 * Pure: text in, state out (and back). Reading and writing the file is the server's job
 * (src/server/emulator-state-file.ts). `version` changes when the shape does.
 */
export const STATE_DOCUMENT_FORMAT = 'orgql-emulator-state';
export const STATE_DOCUMENT_VERSION = 1;

export interface RestoredState {
  readonly state: OrgState;
  readonly issuedIds: readonly string[];
}

/** The document cannot be used. The message names what is wrong (a JSON path), never the content. */
export class StateDocumentError extends Error {
  override readonly name = 'StateDocumentError';
}

const date = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const tag = z.object({ Key: z.string(), Value: z.string() });
const accountState = z.enum(['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED']);

const documentSchema = z.object({
  format: z.literal(STATE_DOCUMENT_FORMAT),
  version: z.literal(STATE_DOCUMENT_VERSION),
  organizationId: z.string().min(1),
  managementAccountId: z.string().min(1),
  createdAt: date,
  maxAccounts: z.number().int().min(1),
  root: z.object({ id: z.string().min(1), name: z.string(), policyTypes: z.array(z.enum(POLICY_TYPES)) }),
  organizationalUnits: z.array(z.object({ id: z.string().min(1), name: z.string(), parentId: z.string().min(1) })),
  accounts: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      email: z.string(),
      parentId: z.string().min(1),
      state: accountState,
      joinedMethod: z.enum(['INVITED', 'CREATED']),
      joinedAt: date,
      closeRequestedAt: date.optional(),
    }),
  ),
  policies: z.array(
    z.object({ id: z.string().min(1), name: z.string(), description: z.string(), type: z.enum(POLICY_TYPES), content: z.string(), awsManaged: z.boolean() }),
  ),
  attachments: z.record(z.string(), z.array(z.string())),
  tags: z.record(z.string(), z.array(tag)),
  createAccountRequests: z.array(
    z.object({
      id: z.string().min(1),
      accountName: z.string(),
      email: z.string(),
      parentId: z.string().min(1),
      tags: z.array(tag),
      requestedAt: date,
      accountId: z.string().optional(),
      completedAt: date.optional(),
      failureReason: z.string().optional(),
    }),
  ),
  policyChanges: z.record(z.string(), date),
  issuedIds: z.array(z.string()),
});

type StateDocument = z.input<typeof documentSchema>;

/** Maps keep insertion order and so does the document: List operations page the same after a restart. */
export function serializeState(state: OrgState, issuedIds: readonly string[]): string {
  const document: StateDocument = {
    format: STATE_DOCUMENT_FORMAT,
    version: STATE_DOCUMENT_VERSION,
    organizationId: state.organizationId,
    managementAccountId: state.managementAccountId,
    createdAt: state.createdAt.toISOString(),
    maxAccounts: state.maxAccounts,
    root: { id: state.root.id, name: state.root.name, policyTypes: [...state.root.policyTypes] },
    organizationalUnits: [...state.ous.values()],
    accounts: [...state.accounts.values()].map(({ joinedAt, closeRequestedAt, ...account }) => ({
      ...account,
      joinedAt: joinedAt.toISOString(),
      ...(closeRequestedAt ? { closeRequestedAt: closeRequestedAt.toISOString() } : {}),
    })),
    policies: [...state.policies.values()],
    attachments: Object.fromEntries(state.attachments),
    tags: Object.fromEntries(state.tags),
    createAccountRequests: [...state.createAccountRequests.values()].map(({ requestedAt, completedAt, ...request }) => ({
      ...request,
      requestedAt: requestedAt.toISOString(),
      ...(completedAt ? { completedAt: completedAt.toISOString() } : {}),
    })),
    policyChanges: Object.fromEntries([...state.policyChanges].map(([key, at]) => [key, at.toISOString()])),
    issuedIds: [...issuedIds],
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

export function parseState(text: string): RestoredState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: say only that it is not JSON.
    throw new StateDocumentError('it is not valid JSON');
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the top level';
    throw new StateDocumentError(`it is not an orgql emulator state (version ${STATE_DOCUMENT_VERSION}): ${issue?.code ?? 'invalid'} at ${where}`);
  }
  const d = parsed.data;
  const state: OrgState = {
    organizationId: d.organizationId,
    managementAccountId: d.managementAccountId,
    root: { ...d.root },
    ous: new Map(d.organizationalUnits.map((ou) => [ou.id, ou])),
    accounts: new Map(d.accounts.map(({ closeRequestedAt, ...account }) => [account.id, { ...account, ...(closeRequestedAt ? { closeRequestedAt } : {}) }])),
    policies: new Map(d.policies.map((policy) => [policy.id, policy])),
    attachments: new Map(Object.entries(d.attachments)),
    tags: new Map(Object.entries(d.tags)),
    createAccountRequests: new Map(
      d.createAccountRequests.map(({ accountId, completedAt, failureReason, ...request }) => [
        request.id,
        { ...request, ...(accountId !== undefined ? { accountId } : {}), ...(completedAt ? { completedAt } : {}), ...(failureReason ? { failureReason } : {}) },
      ]),
    ),
    policyChanges: new Map(Object.entries(d.policyChanges)),
    createdAt: d.createdAt,
    maxAccounts: d.maxAccounts,
  };
  if (!state.accounts.has(state.managementAccountId)) throw new StateDocumentError('it is not an orgql emulator state: the management account is missing');
  return { state, issuedIds: d.issuedIds };
}

/** Every id the state holds: a new or restored generator must never issue one of them again. */
export function idsInState(state: OrgState): string[] {
  return [
    state.organizationId,
    state.root.id,
    ...state.ous.keys(),
    ...state.accounts.keys(),
    ...[...state.policies.values()].filter((policy) => !policy.awsManaged).map((policy) => policy.id),
    ...state.createAccountRequests.keys(),
  ];
}
