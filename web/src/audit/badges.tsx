/** Outcome, kind and origin as small labelled badges (text, not colour alone). */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span class={`badge badge-${outcome.toLowerCase()}`}>{outcome}</span>;
}

export function KindBadge({ kind }: { kind: string }) {
  return <span class="badge">{kind}</span>;
}

export function OutOfBandBadge() {
  return <span class="badge badge-oob">Out of band</span>;
}

/** Out-of-band changes are recorded with this operation (AuditOrigin.OUT_OF_BAND in schema.graphql). */
export const OUT_OF_BAND_OPERATION = 'outOfBandChange';
