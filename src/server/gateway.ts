import { existsSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { Logger } from 'pino';
import { openDatabase, type Database } from '../database/database';
import { createAuthenticator } from '../auth/authenticator';
import { createJwtVerifier } from '../auth/jwt-verifier';
import { AuditedApiKeyAdmin } from '../auth/audited-api-key-admin';
import { PrismaApiKeyStore } from '../auth/prisma-api-key-store';
import { API_KEY_CHANNEL } from '../auth/api-key-store';
import { ApiKeyVerdictCache } from '../auth/cached-api-key-lookup';
import type { Principal } from '../domain/identity';
import type { OrganizationsEvent } from '../domain/organizations-event';
import type { Actor, OrganizationsPort } from '../domain/ports';
import { armorFor, parseOptionsFor } from '../graphql/armor';
import { buildExecutableSchema } from '../graphql/executable-schema';
import { createMutationRateLimiter } from '../auth/prisma-mutation-rate-limit';
import { operationObserverPlugin } from '../graphql/operation-observer-plugin';
import { retryAfterPlugin } from '../graphql/retry-after-plugin';
import { idempotentReplayPlugin } from '../graphql/idempotent-replay-plugin';
import type { GraphQLContext } from '../graphql/context';
import { createFormatError } from '../graphql/format-error';
import { createLoaders } from '../graphql/loaders/create-loaders';
import { landingPagePlugin } from '../graphql/landing-page-plugin';
import { UpstreamWriteAccess } from '../graphql/audited-mutation';
import { createOrganizationsClient, type UpstreamTarget } from '../upstream/client-factory';
import { createSdkOrganizations } from '../upstream/sdk-organizations';
import { loadSeedFile } from '../emulator';
import { mirrorExtensionsPlugin } from '../graphql/mirror-extensions-plugin';
import { noStorePlugin } from '../graphql/no-store-plugin';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { OrgMirror } from '../mirror/org-mirror';
import { startMirror } from './mirror-services';
import { DISABLED_MIRROR } from './disabled-mirror';
import { registerMirrorRoutes } from './mirror-route';
import { inProcessEventFeed, wireOrganizationsEvents } from './organizations-events';
import { consistencyOf, requestMirrorView } from './request-mirror-view';
import { registerAuditExport } from './audit-export-route';
import { registerConsole } from './console-route';
import { registerAiOptOutReport } from './ai-opt-out-report-route';
import { startCheckpointing } from './audit-checkpoints';
import { registerAuditCheckpointRoute } from './audit-checkpoint-route';
import { createAuditServices, type AuditServices } from './audit-services';
import { ConfigError, type Config } from './config';
import { createHttpApp, GRAPHQL_PATH, mountGraphQL } from './http-app';
import { bootstrapKeyWanted, createBootstrapKey } from './bootstrap-key';
import { migrateConfigured } from './migrated-database';
import { createReadiness } from './readiness';
import { unavailableWhenDatabaseDown } from './unavailable-when-down';
import { verifyingCheckpoints } from './verify-with-checkpoints';
import { timedRecorder, refreshChainHead } from './metrics/audit-metrics';
import { createMetrics } from './metrics/metrics';
import { startMetricsListener } from './metrics/metrics-listener';
import { countHttpRequests, graphqlOperationRecorder, registerMetricsRoute } from './metrics/metrics-route';
import { upstreamCallRecorder } from './metrics/upstream-call-metrics';
import { registerMirrorMetrics } from './metrics/mirror-metrics';
import { announceServer } from './running-server';
import { startSeededEmulator } from './seeded-emulator';
import { explainListenFailure } from './startup-errors';

export interface RunningGateway {
  /** Where the landing page and GraphQL endpoint answer, e.g. http://127.0.0.1:4000/ */
  readonly url: string;
  readonly graphqlUrl: string;
  /** The in-process emulator's endpoint when upstream is embedded. */
  readonly emulatorUrl: string | undefined;
  /** The database the gateway opened (and will close), e.g. for the CLI's reports and for tests. */
  readonly database: Database;
  /** Set when this start created the first admin key (no key existed): print it, once. */
  readonly bootstrapAdminKey: string | undefined;
  /** GET /metrics without authentication, when ORGQL_METRICS_PORT is set. */
  readonly metricsUrl: string | undefined;
  /** The org mirror every read is answered from (status, sync, drift listeners). */
  readonly mirror: OrgMirror;
  /** The audit reconciler and its CloudTrail evidence (operators' tools and tests settle intents now). */
  readonly audit: Pick<AuditServices, 'reconciler' | 'evidence'>;
  close(): Promise<void>;
}

/**
 * The composition root: opens the database and applies migrations, connects the upstream (starting
 * the embedded emulator when none is configured), and serves GraphQL. Everything it opened is
 * closed by close(), in reverse order.
 */
export async function startGateway(config: Config, logger: Logger): Promise<RunningGateway> {
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((err) => logger.error({ err }, 'error during shutdown'));
  };
  try {
    const db = await openDatabase(config.database);
    closers.push(() => db.close());
    await migrate(config, db, logger);

    const emulatorEvents = inProcessEventFeed(logger.child({ component: 'embedded-emulator-events' }));
    let target: UpstreamTarget;
    let emulatorUrl: string | undefined;
    if (config.upstream.kind === 'embedded-emulator') {
      const { seed, statePath } = config.upstream;
      // Its Organizations events reach this gateway in process, in order, as EventBridge would deliver them.
      const emulator = await startEmbeddedEmulator(config.upstream, logger.child({ component: 'emulator' }), emulatorEvents.send);
      closers.push(() => emulator.close());
      emulatorUrl = emulator.url;
      logger.info(
        { emulatorUrl, seed, statePath, origin: emulator.origin },
        emulator.origin === 'restored'
          ? `embedded Organizations emulator started with the organization saved in ${statePath}`
          : `embedded Organizations emulator started with a new organization (seed ${seed}), saved in ${statePath}`,
      );
      target = {
        kind: 'endpoint',
        endpoint: emulator.url,
        region: config.upstream.region,
        credentials: { accessKeyId: 'orgql-local', secretAccessKey: 'orgql-local' },
      };
    } else {
      target = config.upstream.target;
    }
    const metrics = createMetrics();
    const client = createOrganizationsClient(target, config.upstream.client, { onUpstreamCall: upstreamCallRecorder(metrics) });
    closers.push(async () => client.destroy());
    const organizations: OrganizationsPort = createSdkOrganizations(client);
    const upstream = new UpstreamWriteAccess(organizations);
    const auditServices = createAuditServices(db.prisma, organizations, logger, config.audit);
    const mirror = config.mirror.enabled ? await startMirror(db, organizations, logger, config.mirror) : DISABLED_MIRROR;
    closers.push(() => mirror.close());
    registerMirrorMetrics(metrics.registry, () => mirror.status());
    const auditRecorder = timedRecorder(auditServices.recorder, metrics);

    // Verified keys are cached for seconds; a revocation here drops them at once, one on another
    // replica (or by the CLI) through NOTIFY, and the TTL bounds a missed notification.
    const keyCache = new ApiKeyVerdictCache();
    const keyListener = await db.listen(API_KEY_CHANNEL, (keyId) => keyCache.invalidate(keyId));
    closers.push(() => keyListener.close());
    const apiKeys = new PrismaApiKeyStore(db.prisma, 'bootstrap');
    const keyAdmin = new AuditedApiKeyAdmin(
      new PrismaApiKeyStore(db.prisma, 'graphql', (keyId) => keyCache.invalidate(keyId)),
      auditRecorder,
      logger.child({ component: 'api-keys' }),
    );
    const { security } = config;
    const authenticate = createAuthenticator({ apiKeys, jwt: security.jwt ? await createJwtVerifier(security.jwt) : undefined, cache: keyCache });
    const bootstrapWanted = await bootstrapKeyWanted({
      store: apiKeys,
      enabled: security.bootstrapAdminKey,
      jwtConfigured: security.jwt !== undefined,
      host: config.http.host,
    });

    // Known once the server listens; until then the page shows the configured address.
    let publicGraphqlUrl = `http://${config.http.host}:${config.http.port}${GRAPHQL_PATH}`;
    const armor = armorFor(security.limits, security.introspection);
    const apollo = new ApolloServer<GraphQLContext>({
      schema: buildExecutableSchema({ limitMutations: createMutationRateLimiter(db.prisma, security.mutationRateLimit) }),
      formatError: createFormatError({ hideSuggestions: !security.introspection }),
      includeStacktraceInErrorResponses: false,
      introspection: security.introspection,
      csrfPrevention: true,
      validationRules: armor.validationRules,
      parseOptions: parseOptionsFor(security.limits),
      // Shutdown is orchestrated by the CLI (close everything in order); Apollo's own handlers
      // would re-raise the signal and kill the process before the database is closed.
      stopOnTerminationSignals: false,
      logger: logger.child({ component: 'apollo' }),
      // No cache hints in the schema: a fixed no-store header instead of Apollo's per-field hook.
      plugins: [
        ApolloServerPluginCacheControlDisabled(),
        noStorePlugin(),
        ...armor.plugins,
        landingPagePlugin(GRAPHQL_PATH, () => publicGraphqlUrl),
        retryAfterPlugin(),
        idempotentReplayPlugin(),
        operationObserverPlugin(graphqlOperationRecorder(metrics)),
        mirrorExtensionsPlugin(),
      ],
    });
    // Tells a database outage (503) from a bug (500) when something fails: see error-handler.ts.
    const databaseAvailable = () => answersWithin(db.ping(), 1500);
    const auditLog = unavailableWhenDatabaseDown(verifyingCheckpoints(auditServices.log, db.prisma, config.audit.checkpoints), databaseAvailable);
    const readiness = createReadiness(
      {
        database: () => db.ping(),
        upstream: async () => void (await organizations.describeOrganization()),
        mirror: async () => {
          if (config.mirror.enabled && !mirror.current()) throw new Error(`the mirror has not finished its first sync (state ${mirror.status().state})`);
        },
      },
      { timeoutMs: 3000, cacheMs: 5000 },
    );
    const app = createHttpApp({ logger, readiness, authenticate, databaseAvailable, mirrorStatus: () => mirror.status() });
    countHttpRequests(app, metrics);
    const scrapeRefresh = [() => refreshChainHead(metrics, db.prisma)];
    registerMetricsRoute(app, metrics, scrapeRefresh, logger);
    apollo.addPlugin(fastifyApolloDrainPlugin(app));
    await apollo.start();
    closers.push(() => apollo.stop());
    mountGraphQL(app, apollo, async (request) => {
      // The authentication hook has run for /graphql: a request without a principal never gets here.
      const principal = request.principal as Principal;
      const consistency = config.mirror.enabled ? consistencyOf(request.headers['x-orgql-consistency']) : 'UPSTREAM';
      const view = requestMirrorView(mirror, organizations, consistency);
      return {
        organizations: view.reader,
        mirror: view.mirror,
        upstream,
        loaders: createLoaders(view.reader),
        audit: auditRecorder,
        auditLog,
        idempotency: auditServices.idempotency,
        apiKeys: keyAdmin,
        client: { ip: request.ip, userAgent: request.headers['user-agent'] },
        principal,
        actor: actorOf(principal),
        requestId: request.id,
        logger: request.log as Logger,
      };
    });
    registerAuditExport(app, db.prisma);
    registerConsole(app);
    registerMirrorRoutes(app, mirror);
    registerAiOptOutReport(app, mirror, organizations, config.mirror.enabled);
    const checkpointing = startCheckpointing(db.prisma, config.audit.checkpoints, logger);
    closers.push(() => checkpointing.stop());
    registerAuditCheckpointRoute(app, checkpointing);
    const events = wireOrganizationsEvents({ app, mirror, prisma: db.prisma, recorder: auditServices.recorder, logger, evidence: auditServices.evidence });
    emulatorEvents.connect(events.ingest);
    // Runs after the listener closed (closers run in reverse): events and drift already queued are finished first.
    closers.push(async () => {
      await emulatorEvents.idle();
      await events.idle();
    });
    await app.listen({ host: config.http.host, port: config.http.port }).catch((error: unknown) => {
      throw explainListenFailure(error, 'ORGQL_PORT (or --port)', config.http.host, config.http.port);
    });
    closers.push(() => app.close());
    // Only now: a start that failed before listening has made no key that nobody saw.
    const bootstrapAdminKey = bootstrapWanted ? await createBootstrapKey(apiKeys) : undefined;
    closers.push(auditServices.startReconciling());
    let metricsUrl: string | undefined;
    if (config.metrics.port !== undefined) {
      const listener = await startMetricsListener(metrics, scrapeRefresh, logger, config.http.host, config.metrics.port);
      closers.push(() => listener.close());
      metricsUrl = listener.url;
      logger.info({ metricsUrl }, `metrics without authentication at ${metricsUrl}`);
    }

    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
    const url = `http://${host}:${port}/`;
    publicGraphqlUrl = `http://${host}:${port}${GRAPHQL_PATH}`;
    // The CLI finds a gateway that holds the embedded database here, and asks it instead of refusing.
    closers.push(announceServer(db.target, url));
    return { url, graphqlUrl: publicGraphqlUrl, emulatorUrl, database: db, bootstrapAdminKey, metricsUrl, mirror, audit: auditServices, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The in-process emulator on 127.0.0.1 at ORGQL_EMULATOR_PORT, so the AWS CLI can reach it too. */
async function startEmbeddedEmulator(
  upstream: Extract<Config['upstream'], { kind: 'embedded-emulator' }>,
  logger: Logger,
  onEvent: (event: OrganizationsEvent) => void,
) {
  const { seed, statePath, port } = upstream;
  // A seed only builds a new organization: with a saved one, the seed file is not read at all.
  if (seed !== 'demo' && seed !== 'empty' && !existsSync(statePath)) {
    try {
      loadSeedFile(seed);
    } catch (error) {
      throw new ConfigError([`ORGQL_EMULATOR_SEED: ${error instanceof Error ? error.message : String(error)}`]);
    }
  }
  return startSeededEmulator({ seed, statePath, host: '127.0.0.1', port, logger, onEvent }).catch((error: unknown) => {
    throw explainListenFailure(error, 'ORGQL_EMULATOR_PORT', '127.0.0.1', port);
  });
}

/** How the audit log records a caller (CloudTrail's userIdentity). */
function actorOf(principal: Principal): Actor {
  return { id: principal.id, type: principal.type, displayName: principal.displayName, authMethod: principal.type === 'API_KEY' ? 'api-key' : 'jwt' };
}

async function migrate(config: Config, db: Database, logger: Logger): Promise<void> {
  const report = await migrateConfigured(config, db);
  logger.info({ applied: report.applied, alreadyApplied: report.alreadyApplied.length, database: db.target.kind }, 'database migrations checked');
  if (report.unknownApplied.length > 0) logger.warn({ unknownApplied: report.unknownApplied }, 'the database has migrations this build does not know');
}

/** Whether `probe` succeeds within `ms` (an unreachable database may take long to refuse). */
async function answersWithin(probe: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      probe.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
