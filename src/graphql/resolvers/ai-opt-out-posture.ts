import { OrgqlError } from '../../domain/errors';
import type {
  AiAccountPostureResolvers,
  AiOptOutPostureResolvers,
  AiOuPostureTotalsResolvers,
  AiServicePostureResolvers,
  QueryResolvers,
} from '../../generated/graphql';
import { toConnection } from '../connection';
import { loadAiOptOutPosture } from '../org/ai-opt-out-posture';
import { loadOrgNode } from '../org/org-node';

export const aiOptOutPostureQueries: Pick<QueryResolvers, 'aiOptOutPosture'> = {
  aiOptOutPosture: (_parent, args, ctx) => loadAiOptOutPosture(ctx.loaders, ctx.mirror, args),
};

export const AiOptOutPosture: AiOptOutPostureResolvers = {
  under: (report, _args, ctx) => loadOrgNode(ctx.loaders, report.underId),
  services: (report) => [...report.services],
  expect: (report) => report.expect ?? null,
  totals: (report) => [...report.totals],
  organizationalUnits: (report) => [...report.organizationalUnits],
  accounts: (report, { first, after, status, service }) => {
    if (service != null && !report.services.includes(service))
      throw new OrgqlError('BAD_USER_INPUT', `${JSON.stringify(service.slice(0, 80))} is not one of this report's services.`, { argument: 'service' });
    const statusOf = (a: (typeof report.accounts)[number]) => (service != null ? a.services.find((s) => s.service === service)!.status : a.status);
    const items = status ? report.accounts.filter((a) => statusOf(a) === status) : report.accounts;
    return toConnection(items, (a) => a.accountId, { first, after });
  },
  failing: (report, { first, after }) => toConnection(report.failing, (a) => a.accountId, { first, after }),
};

export const AiOuPostureTotals: AiOuPostureTotalsResolvers = {
  node: (ou, _args, ctx) => loadOrgNode(ctx.loaders, ou.nodeId),
  totals: (ou) => [...ou.totals],
};

export const AiAccountPosture: AiAccountPostureResolvers = {
  account: (row, _args, ctx) => ctx.loaders.account.load(row.accountId),
  services: (row) => [...row.services],
};

export const AiServicePosture: AiServicePostureResolvers = {
  policyId: (cell) => cell.decidedBy?.policyId ?? null,
  policyName: (cell) => cell.decidedBy?.policyName ?? null,
  policy: (cell, _args, ctx) => (cell.decidedBy ? ctx.loaders.policy.load(cell.decidedBy.policyId) : null),
  node: (cell, _args, ctx) => (cell.decidedBy ? loadOrgNode(ctx.loaders, cell.decidedBy.nodeId) : null),
  operator: (cell) => cell.decidedBy?.operator ?? null,
  lockedByPolicyId: (cell) => cell.lockedBy?.policyId ?? null,
  lockedAt: (cell, _args, ctx) => (cell.lockedBy ? loadOrgNode(ctx.loaders, cell.lockedBy.nodeId) : null),
  unknownReason: (cell) => cell.unknownReason ?? null,
};
