import type { OrganizationsWriter } from '../domain/ports';

/**
 * The writer, noting whether any change was handed to it. A change that failed before reaching the
 * writer (an invalid document, a failed pre-flight read) sent nothing upstream: it is FAILED for
 * certain, whatever the error says (see domain/failure-outcome.ts).
 */
export function trackedWriter(writer: OrganizationsWriter): { readonly writer: OrganizationsWriter; sent(): boolean } {
  let sent = false;
  const tracked = new Proxy(writer, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        sent = true;
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { writer: tracked, sent: () => sent };
}
