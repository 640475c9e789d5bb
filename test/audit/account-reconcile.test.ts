import pino from 'pino';
import { CloseAccountCommand, CreateAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { PrismaIdempotencyStore } from '../../src/audit/prisma-idempotency-store';
import { Reconciler } from '../../src/audit/reconcile/reconciler';
import { createOrganizationsClient } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { anIntent } from './audit-test-db';

/** The reconciler's verdicts on createAccount and closeAccount intents left without a result (a crash after the intent). */
describe('reconciling account changes', () => {
  let t: TestGateway;
  let sdk: OrganizationsClient;
  let reconciler: Reconciler;
  let recorder: PrismaAuditRecorder;
  const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
  const resultOf = (intentId: string) => t.gateway.database.prisma.auditEvent.findFirst({ where: { intentId } });

  beforeAll(async () => {
    t = await startTestGateway();
    sdk = new OrganizationsClient({ endpoint: t.gateway.emulatorUrl, region: 'us-east-1', credentials });
    const organizations = createSdkOrganizations(
      createOrganizationsClient(
        { kind: 'endpoint', endpoint: t.gateway.emulatorUrl!, region: 'us-east-1', credentials },
        { maxAttempts: 1, requestTimeoutMs: 5000 },
      ),
    );
    recorder = new PrismaAuditRecorder(t.gateway.database.prisma);
    reconciler = new Reconciler(
      t.gateway.database.prisma,
      recorder,
      new PrismaIdempotencyStore(t.gateway.database.prisma),
      organizations,
      pino({ level: 'silent' }),
      { graceMs: 0 },
    );
  });
  afterAll(async () => {
    sdk.destroy();
    await t.close();
  });

  const createIntent = (accountName: string) =>
    recorder.recordIntent(
      anIntent('createAccount', {
        targetType: undefined,
        targetId: undefined,
        arguments: { email: `${accountName}@example.com`, accountName, tags: [] },
        stateBefore: { createAccountStatus: null },
      }),
    );
  const closeIntent = (accountId: string, stateBefore: string) =>
    recorder.recordIntent(
      anIntent('closeAccount', {
        targetType: 'ACCOUNT',
        targetId: accountId,
        arguments: { accountId },
        stateBefore: { account: { id: accountId, state: stateBefore } },
      }),
    );

  it('credits a createAccount whose request AWS accepted after the intent, and fails one it never saw', async () => {
    const accepted = await createIntent('Reconciled');
    const lost = await createIntent('NeverSent');
    await sdk.send(new CreateAccountCommand({ Email: 'reconciled@example.com', AccountName: 'Reconciled' }));
    await reconciler.runOnce();
    expect(await resultOf(accepted)).toMatchObject({
      outcome: 'SUCCEEDED',
      reconciliation: expect.stringMatching(/a request to create Reconciled was accepted upstream \(car-/),
    });
    expect(await resultOf(lost)).toMatchObject({ outcome: 'FAILED', errorMessage: expect.stringContaining('no request to create NeverSent') });
  });

  it('credits a closeAccount when the account is closing now and was active before, and not when it was closed already or is still active', async () => {
    const closing = await closeIntent('101010101010', 'ACTIVE');
    await sdk.send(new CloseAccountCommand({ AccountId: '101010101010' }));
    const twice = await closeIntent('101010101010', 'PENDING_CLOSURE');
    const notSent = await closeIntent('666666666666', 'ACTIVE');
    await reconciler.runOnce();
    expect(await resultOf(closing)).toMatchObject({ outcome: 'SUCCEEDED', reconciliation: expect.stringContaining('account 101010101010 is PENDING_CLOSURE') });
    expect(await resultOf(twice)).toMatchObject({ outcome: 'FAILED', errorMessage: expect.stringContaining('already was before the call') });
    expect(await resultOf(notSent)).toMatchObject({ outcome: 'FAILED', errorMessage: expect.stringContaining('account 666666666666 is ACTIVE upstream') });
  });
});
