import type { IdGenerator } from './ids';

/**
 * AWS never hands out an id twice: a deleted policy's or OU's id does not come back for a new one,
 * so audit records that name it stay unambiguous. This generator remembers every id it (or a seed,
 * or a restored state) has issued and draws again on a repeat. The set is part of the persisted
 * state (state-document.ts), so a restarted emulator keeps the promise across restarts too.
 */
export interface IssuedIdGenerator extends IdGenerator {
  /** Every id issued so far, in issue order. */
  issued(): readonly string[];
  /** Marks ids that were issued elsewhere (a seed's own ids) as taken. */
  remember(ids: Iterable<string>): void;
}

export function neverReissue(ids: IdGenerator, alreadyIssued: Iterable<string> = []): IssuedIdGenerator {
  const issued = new Set<string>(alreadyIssued);
  const fresh = (draw: () => string): string => {
    for (;;) {
      const id = draw();
      if (!issued.has(id)) {
        issued.add(id);
        return id;
      }
    }
  };
  return {
    organizationId: () => fresh(() => ids.organizationId()),
    rootId: () => fresh(() => ids.rootId()),
    ouId: (rootId) => fresh(() => ids.ouId(rootId)),
    accountId: () => fresh(() => ids.accountId()),
    policyId: () => fresh(() => ids.policyId()),
    createAccountRequestId: () => fresh(() => ids.createAccountRequestId()),
    issued: () => [...issued],
    remember: (more) => {
      for (const id of more) issued.add(id);
    },
  };
}
