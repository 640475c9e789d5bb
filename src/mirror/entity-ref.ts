export type { EntityRef, MirrorChange, MirrorState, MirrorStatusReport, RefreshCause } from '../domain/mirror';
