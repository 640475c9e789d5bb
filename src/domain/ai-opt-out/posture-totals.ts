import type { AccountPosture, OuPostureTotals, PostureTreeNode, ServicePosture, ServiceTotals } from './posture-types';

// Five counters per service, in this order, kept in one flat array per node.
const OPTED_IN = 0;
const OPTED_OUT = 1;
const PASS = 2;
const FAIL = 3;
const UNKNOWN = 4;
const WIDTH = 5;

/** Totals per service over these accounts. */
export function serviceTotals(services: readonly string[], accounts: readonly AccountPosture[]): ServiceTotals[] {
  const counts = new Array<number>(services.length * WIDTH).fill(0);
  for (const account of accounts) add(counts, account.services);
  return toTotals(services, counts);
}

/**
 * Totals per service for every root and OU at or below the tree's top (tree order), each over the
 * accounts of its whole subtree: summed bottom-up, so each account is counted once.
 */
export function organizationalUnitTotals(tree: PostureTreeNode, services: readonly string[], accounts: readonly AccountPosture[]): OuPostureTotals[] {
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const out: OuPostureTotals[] = [];
  const visit = (node: PostureTreeNode): number[] => {
    const counts = new Array<number>(services.length * WIDTH).fill(0);
    const index = out.length;
    if (node.kind !== 'ACCOUNT') out.push({ nodeId: node.id, kind: node.kind, name: node.name, totals: [] });
    for (const child of node.children) {
      if (child.kind === 'ACCOUNT') {
        const account = byId.get(child.id);
        if (account) add(counts, account.services);
      } else {
        const below = visit(child);
        for (let i = 0; i < counts.length; i++) counts[i]! += below[i]!;
      }
    }
    if (node.kind !== 'ACCOUNT') out[index] = { ...out[index]!, totals: toTotals(services, counts) };
    return counts;
  };
  visit(tree);
  return out;
}

function add(counts: number[], row: readonly ServicePosture[]): void {
  for (let i = 0; i < row.length; i++) {
    const cell = row[i]!;
    const base = i * WIDTH;
    if (cell.setting === 'OPT_IN') counts[base + OPTED_IN]! += 1;
    else if (cell.setting === 'OPT_OUT') counts[base + OPTED_OUT]! += 1;
    if (cell.status === 'PASS') counts[base + PASS]! += 1;
    else if (cell.status === 'FAIL') counts[base + FAIL]! += 1;
    else if (cell.status === 'UNKNOWN') counts[base + UNKNOWN]! += 1;
  }
}

function toTotals(services: readonly string[], counts: readonly number[]): ServiceTotals[] {
  return services.map((service, i) => ({
    service,
    optedIn: counts[i * WIDTH + OPTED_IN]!,
    optedOut: counts[i * WIDTH + OPTED_OUT]!,
    pass: counts[i * WIDTH + PASS]!,
    fail: counts[i * WIDTH + FAIL]!,
    unknown: counts[i * WIDTH + UNKNOWN]!,
  }));
}
