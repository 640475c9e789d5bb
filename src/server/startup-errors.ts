import type { DatabaseTarget } from '../database/database';
import { redactCredentials } from './redact';

/**
 * A start-up failure told in the operator's terms: it names the variable to change. The CLI
 * prints its message as is and exits 1 (the configuration was valid; the world was not).
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
// PostgreSQL's SQLSTATEs for a refused login or a missing database (Appendix A, class 28 and 3D).
const REFUSED_LOGIN = new Set(['28P01', '28000', '3D000']);

/** Every error in a chain: `cause`, and the members of an AggregateError (Node's happy-eyeballs connect). */
function* chain(error: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown }> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  yield error as { code?: unknown };
  if (error instanceof AggregateError) for (const inner of error.errors) yield* chain(inner, depth + 1);
  yield* chain((error as { cause?: unknown }).cause, depth + 1);
}

/** Turns "connect ECONNREFUSED" into a message that names the variable (DATABASE_URL); other errors pass through. */
export function explainDatabaseFailure(error: unknown, target: DatabaseTarget, variable = 'DATABASE_URL'): unknown {
  if (target.kind !== 'postgres') return error;
  const where = redactCredentials(target.url);
  for (const link of chain(error)) {
    const code = typeof link.code === 'string' ? link.code : '';
    if (UNREACHABLE.has(code)) {
      return new StartupError(`${variable}: cannot connect to the PostgreSQL server at ${where} (${code}); is it running, and is ${variable} right?`, {
        cause: error,
      });
    }
    if (REFUSED_LOGIN.has(code)) {
      return new StartupError(`${variable}: the PostgreSQL server at ${where} refused the connection: ${redactCredentials(String(link.message))}`, {
        cause: error,
      });
    }
  }
  return error;
}

/** Names the variable that chose a port someone else already holds. */
export function explainListenFailure(error: unknown, variable: string, host: string, port: number): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `${variable}: ${host}:${port} is already in use (another orgql, or another program?). Stop it, or set ${variable} to a free port (0 picks one).`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new StartupError(`${variable}: cannot listen on ${host}:${port} (${code}).`, { cause: error });
  }
  return error;
}
