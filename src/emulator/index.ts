/** Public surface of the local AWS Organizations emulator. */
export { startEmulator, DEFAULT_MAX_BODY_BYTES } from './start-emulator';
export type { RunningEmulator, StartOptions } from './start-emulator';
export { accessKeyIdOf } from './http-front';
export { createService } from './create-service';
export type { EmulatorOptions, ServiceBundle } from './create-service';
export type { EmulatorStats } from './stats';
export { loadSeedFile } from './seed/load-seed-file';
export { parseSeedDocument } from './seed/seed-document';
export type { SeedDocument, SeedAccount, SeedPolicy, SeedOrganizationalUnit } from './seed/seed-document';
export { SeedError } from './seed/build-state';
export { DEMO_SEED } from './seed/demo-seed';
export { AwsError } from './aws-error';
export { randomIdGenerator, seededRandom } from './ids';
export type { IdGenerator } from './ids';
export { parseState, StateDocumentError } from './state-document';
export type { RestoredState } from './state-document';
