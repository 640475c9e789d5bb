import type { GatewayError } from '../graphql/client';

export function Loading({ what }: { what?: string }) {
  return (
    <p role="status" class="muted">
      Loading{what ? ` ${what}` : ''}…
    </p>
  );
}

/** A failed request, with the gateway's code (no internals: the gateway sends none). */
export function Failure({ error }: { error: GatewayError }) {
  return (
    <p role="alert" class="error">
      {error.code === 'FORBIDDEN' ? 'Your role does not allow this. ' : ''}
      {error.message} <span class="badge">{error.code}</span>
    </p>
  );
}

/** A page the caller's role may not use. */
export function Forbidden({ role, what }: { role: string; what: string }) {
  return (
    <>
      <h1>Not available</h1>
      <p role="alert" class="error">
        Your role ({role}) cannot see {what}.
      </p>
    </>
  );
}
