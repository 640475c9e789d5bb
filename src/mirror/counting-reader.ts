import { ORGANIZATIONS_READS, type OrganizationsReader } from '../domain/ports';

/** The reader with a count of the calls made through it (a sync reports what it cost). */
export function countingReader(reader: OrganizationsReader): { reader: OrganizationsReader; calls: () => number } {
  let calls = 0;
  const counted: Record<string, unknown> = {};
  for (const name of ORGANIZATIONS_READS) {
    const method = reader[name] as (...args: unknown[]) => Promise<unknown>;
    counted[name] = (...args: unknown[]) => {
      calls += 1;
      return method.apply(reader, args);
    };
  }
  return { reader: counted as unknown as OrganizationsReader, calls: () => calls };
}
