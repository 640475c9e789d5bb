import { hasCheckpoints, loadVerifyingKey, verifyCheckpoints } from '../audit/checkpoints';
import type { AuditLogReader, ChainVerification, CheckpointVerification } from '../domain/audit-log';
import type { PrismaClient } from '../generated/prisma/client';
import type { CheckpointSettings } from './config';

/**
 * The audit log whose verifyChain also holds the log to the signed checkpoints (issue 11, item 7),
 * as `orgql audit verify` does: the hash chain alone cannot show a chain rewritten and re-hashed
 * whole, a checkpoint signed before the rewrite can. The verification is ok only when both hold.
 */
export function verifyingCheckpoints(log: AuditLogReader, prisma: PrismaClient, settings: Pick<CheckpointSettings, 'dir' | 'signingKeyPath'>): AuditLogReader {
  const verifyChain = async (from: Date | undefined, to: Date | undefined): Promise<ChainVerification> => {
    const chain = await log.verifyChain(from, to);
    const checkpoints = await checkCheckpoints(prisma, settings);
    return { ...chain, ok: chain.ok && (checkpoints?.ok ?? true), checkpoints };
  };
  return new Proxy(log, {
    get(target, property, receiver) {
      if (property === 'verifyChain') return verifyChain;
      const member: unknown = Reflect.get(target, property, receiver);
      return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member;
    },
  });
}

async function checkCheckpoints(prisma: PrismaClient, settings: Pick<CheckpointSettings, 'dir' | 'signingKeyPath'>): Promise<CheckpointVerification | null> {
  if (!hasCheckpoints(settings.dir)) return null;
  let key;
  try {
    key = loadVerifyingKey(settings.signingKeyPath);
  } catch {
    // The key's path and the reason stay in the server's configuration, not in the answer.
    return {
      ok: false,
      matched: 0,
      newestSequence: null,
      newestSignedAt: null,
      problems: [
        { file: null, sequence: null, reason: 'KEY_UNAVAILABLE', message: 'the checkpoint key could not be loaded: the checkpoints were not checked' },
      ],
    };
  }
  const report = await verifyCheckpoints(prisma, settings.dir, key);
  return {
    ok: report.ok,
    matched: report.matched,
    newestSequence: report.newest?.sequence ?? null,
    newestSignedAt: report.newest?.signedAt ?? null,
    problems: report.problems,
  };
}
