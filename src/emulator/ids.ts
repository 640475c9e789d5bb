/**
 * Identifier formats from the service model (shared/docs/aws-organizations.md §d "IDs"):
 * o-[a-z0-9]{10,32}, r-[0-9a-z]{4,32}, ou-<root suffix>-[a-z0-9]{8,32}, \d{12}, p-[0-9a-zA-Z_]{8,128},
 * car-[a-z0-9]{8,32}. The generator draws from an injected RNG so tests and seeds are deterministic.
 */
export interface IdGenerator {
  organizationId(): string;
  rootId(): string;
  ouId(rootId: string): string;
  accountId(): string;
  policyId(): string;
  createAccountRequestId(): string;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

export function randomIdGenerator(random: () => number): IdGenerator {
  const pick = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet.charAt(Math.floor(random() * alphabet.length) % alphabet.length);
    return out;
  };
  return {
    organizationId: () => `o-${pick(LOWER_ALNUM, 10)}`,
    rootId: () => `r-${pick(LOWER_ALNUM, 4)}`,
    ouId: (rootId) => `ou-${rootId.slice(2)}-${pick(LOWER_ALNUM, 8)}`,
    // A leading zero is legal but looks odd in docs; AWS account ids in examples never start with 0.
    accountId: () => `${pick('123456789', 1)}${pick(DIGITS, 11)}`,
    policyId: () => `p-${pick(LOWER_ALNUM, 8)}`,
    createAccountRequestId: () => `car-${pick(LOWER_ALNUM, 16)}`,
  };
}

/** A small deterministic PRNG (mulberry32) for seeds and tests that want repeatable ids. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ids until one is not taken: ids are random, the state decides uniqueness. */
export function freshId(make: () => string, taken: (id: string) => boolean): string {
  for (;;) {
    const id = make();
    if (!taken(id)) return id;
  }
}
