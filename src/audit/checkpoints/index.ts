export { loadSigningKey, loadVerifyingKey } from './signing-key';
export { takeCheckpoint, type TakenCheckpoint } from './take-checkpoint';
export { verifyCheckpoints, type CheckpointReport, type CheckpointProblem } from './verify-checkpoints';
export { hasCheckpoints } from './checkpoint-dir';
