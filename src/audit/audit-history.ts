import type { PrismaClient } from '../generated/prisma/client';
import type { PolicyVersion, TargetChange } from '../domain/audit-log';
import { diffDocuments } from '../domain/policy';
import { storableText } from '../domain/storable-text';
import { toAuditRecord } from './to-audit-record';

/**
 * Every version of a policy's document the audit log saw: the document before the first recorded
 * change (when that change recorded it), then the document after each successful change, each with
 * a structural diff to the previous version. A deletion ends the history with an empty document.
 */
export async function policyHistory(prisma: PrismaClient, policyId: string): Promise<PolicyVersion[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { policyId: storableText(policyId), kind: { in: ['RESULT', 'RESOLUTION', 'OBSERVATION'] }, outcome: 'SUCCEEDED' },
    orderBy: { sequence: 'asc' },
  });
  const versions: PolicyVersion[] = [];
  let previous: unknown = undefined;
  for (const row of rows) {
    const event = toAuditRecord(row);
    if (versions.length === 0) {
      const initial = policyDocument(row.stateBefore);
      if (initial !== undefined) {
        versions.push({ version: 0, event, document: initial, diff: diffDocuments(undefined, initial) });
        previous = initial;
      }
    }
    // Attach/detach rows record the target's state, not the document: they are no new version.
    const document = policyDocument(row.stateAfter) ?? (row.operation === 'deletePolicy' ? null : undefined);
    if (document === undefined) continue;
    if (versions.length > 0 && JSON.stringify(document) === JSON.stringify(previous)) continue;
    versions.push({ version: versions.length, event, document, diff: diffDocuments(previous, document) });
    previous = document;
  }
  return versions;
}

/** Attachments, moves and other changes of one target over time, with what they changed. */
export async function targetHistory(prisma: PrismaClient, targetId: string): Promise<TargetChange[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { targetId: storableText(targetId), kind: { in: ['RESULT', 'RESOLUTION', 'OBSERVATION'] }, outcome: 'SUCCEEDED' },
    orderBy: { sequence: 'asc' },
  });
  return rows.map((row) => {
    const before = row.stateBefore ?? null;
    const after = row.stateAfter ?? null;
    const effectiveBefore = field(before, 'effectivePolicies') ?? field(before, 'effectivePolicy');
    const effectiveAfter = field(after, 'effectivePolicies') ?? field(after, 'effectivePolicy');
    return {
      event: toAuditRecord(row),
      before,
      after,
      diff: diffDocuments(before, after),
      effectivePolicyDiff: effectiveBefore === undefined && effectiveAfter === undefined ? null : diffDocuments(effectiveBefore, effectiveAfter),
    };
  });
}

/** The policy document in a recorded state: `{ policy: { content } }`, `{ content }`, content as JSON text or object. */
function policyDocument(state: unknown): unknown {
  const policy = field(state, 'policy') ?? state;
  const content = field(policy, 'content');
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}
