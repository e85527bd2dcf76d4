import { loadConfig, type AppConfig } from './config.js';
import { startLocalChat } from './adapters/local/index.js';
import { isWebChannel, jobsOfChannels } from './adapters/web/channel-jobs.js';
import { ConfigError } from './engine/errors.js';
import { createLanguageModel } from './engine/llm/create-model.js';
import { createOfflineModel } from './engine/llm/offline/index.js';
import type { Store } from './engine/store/ports.js';
import type { CommandLimits } from './commands/service.js';
import { configSecrets, createLogger } from './logger.js';
import { openStore, providerOf } from './prisma/index.js';
import type { JobQueue } from './commands/jobs/job-queue.js';

/**
 * The one composition root: parses the environment once, opens (and migrates) the store, builds
 * the model, then serves every configured platform side by side (Slack, Discord, Teams), else the local terminal
 * chat. Nothing else
 * reads `process.env`, and nothing runs at import except `main()` below.
 */
async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({
    destination: process.stderr,
    pretty: Boolean(process.stderr.isTTY),
    secrets: configSecrets(config),
  });
  const store: Store = await openStore({ databaseUrl: config.database.url });
  // On a signal: stop serving and abort running jobs (they stay resumable), then close the store.
  // Exit 128 + the signal's number, as shells and supervisors expect (130 for SIGINT, 143 for SIGTERM).
  const stopBeforeClose: (() => Promise<void>)[] = [];
  // With PostgreSQL: first stop taking jobs and let running ones finish (or hand them back), then the rest.
  const drainFirst: (() => Promise<void>)[] = [];
  const shutdown = (code: number) => () =>
    void Promise.allSettled(drainFirst.map((drain) => drain()))
      .then(() => Promise.allSettled(stopBeforeClose.map((stop) => stop())))
      .then(() => store.close())
      .finally(() => process.exit(code));
  process.once('SIGINT', shutdown(130));
  process.once('SIGTERM', shutdown(143));
  try {
    const model = createLanguageModel(config, {
      cacheStore: store,
      usageStore: store,
      offline: createOfflineModel,
    });
    const limits = {
      maxPanelSize: config.troupe.maxPanelSize,
      maxConcurrentJobs: config.troupe.maxConcurrentJobs,
      tokenBudget: config.troupe.tokenBudget,
      confirmAboveUsd: config.troupe.confirmAboveUsd,
      compactProfile: config.llm.compactProfile,
    };
    // `troupe mcp` (stdio, for a desktop assistant) or `troupe mcp --http` (Streamable HTTP on /mcp).
    if (process.argv[2] === 'mcp') return await serveMcp(config, jobsOfPlatform(store, 'mcp:'), model, limits, logger);
    const scale = await startScaleOut(config, store, drainFirst, stopBeforeClose);
    // The web playground (adapters/web/) runs beside whatever else is served; it shares the local tenant's panels.
    let playground: string | undefined;
    let stopWeb: (() => Promise<void>) | undefined;
    if (config.web.enabled) {
      const { startWebPlayground } = await import('./adapters/web/index.js');
      const { host, port, token } = config.web;
      const web = await startWebPlayground({ store, model, limits, log: logger, host, port, token });
      stopWeb = () => web.stop();
      stopBeforeClose.push(stopWeb);
      playground = `Playground: ${web.url}`;
    }
    const slackOn = Boolean(
      slackConfigured(config) || (config.slack.clientId && config.slack.clientSecret && config.slack.stateSecret),
    );
    const discordOn = Boolean(config.discord.token || config.discord.applicationId);
    const teamsOn = Boolean(config.teams.appId || config.teams.allowAnonymous);
    if (config.scale.role !== 'all' && !slackOn && !discordOn && !teamsOn)
      throw new ConfigError(
        'scale.role',
        `TROUPE_ROLE=${config.scale.role} needs a chat platform configured (Slack, Discord or Teams), e.g. DISCORD_TOKEN=MTIz… DISCORD_APPLICATION_ID=123456789012345678`,
      );
    if (slackOn || discordOn || teamsOn) {
      for (const notice of config.notices) process.stderr.write(`${notice}\n`);
      if (playground) process.stdout.write(`${playground}\n`);
      let slackHoldsPort = false;
      if (slackOn) {
        const { startSlack } = await import('./adapters/slack/index.js');
        const jobQueue = await scale.queueFor('slack');
        const slack = await startSlack({
          config,
          store: jobsOfPlatform(store, 'slack:'),
          model,
          limits,
          logger,
          jobQueue,
        });
        if (jobQueue) drainFirst.push(() => slack.service.runner.drain(config.scale.shutdownGraceMs));
        stopBeforeClose.push(() => slack.stop());
        slackHoldsPort = slack.port !== undefined;
      }
      if (discordOn) {
        const { startDiscord } = await import('./adapters/discord/index.js');
        const jobQueue = await scale.queueFor('discord');
        // Slack's server (on PORT) already serves /avatars/… for every tenant when both run.
        const discord = await startDiscord({
          config,
          store: jobsOfPlatform(store, 'discord:'),
          model,
          limits,
          serveAvatars: !slackOn,
          jobQueue,
        });
        if (jobQueue) drainFirst.push(() => discord.service.runner.drain(config.scale.shutdownGraceMs));
        stopBeforeClose.push(() => discord.stop());
      }
      if (teamsOn) {
        // Teams beside Slack in one process: Slack's HTTP server holds PORT, so Teams takes TEAMS_PORT.
        // A Teams worker listens on no port.
        if (slackHoldsPort && !config.teams.port && config.scale.role !== 'worker')
          throw new ConfigError(
            'teams.port',
            'Slack already serves HTTP on PORT; set TEAMS_PORT for Teams, e.g. TEAMS_PORT=3978',
          );
        const { startTeams } = await import('./adapters/teams/index.js');
        const jobQueue = await scale.queueFor('teams');
        const teams = await startTeams({
          config,
          store: jobsOfPlatform(store, 'teams:'),
          model,
          limits,
          port: config.teams.port,
          jobQueue,
        });
        if (jobQueue) drainFirst.push(() => teams.service.runner.drain(config.scale.shutdownGraceMs));
        stopBeforeClose.push(() => teams.stop());
      }
      // Serves until SIGINT/SIGTERM: the handlers above close the store and exit; unfinished jobs resume on the next start.
      return await new Promise<number>(() => undefined);
    }
    await startLocalChat({
      store: playground ? jobsOfChannels(store, (channelKey) => !isWebChannel(channelKey)) : store,
      model,
      limits,
      input: process.stdin,
      output: process.stdout,
      notices: playground ? [...config.notices, playground] : config.notices,
      log: logger,
    });
    await stopWeb?.();
    return 0;
  } finally {
    await store.close();
  }
}

/** Serves MCP until stdin closes (stdio) or a signal stops the process (HTTP); stdout belongs to the protocol. */
async function serveMcp(
  config: AppConfig,
  store: Store,
  model: ReturnType<typeof createLanguageModel>,
  limits: CommandLimits,
  log: ReturnType<typeof createLogger>,
): Promise<number> {
  const { parseTokens, runMcp } = await import('./adapters/mcp/index.js');
  for (const notice of config.notices) process.stderr.write(`${notice}\n`);
  const service = { store, model, limits, log };
  if (!process.argv.includes('--http')) {
    const { done } = await runMcp({
      service,
      transport: { kind: 'stdio', input: process.stdin, output: process.stdout },
    });
    await done;
    return 0;
  }
  try {
    await runMcp({
      service,
      transport: {
        kind: 'http',
        host: config.mcp.host,
        port: config.mcp.port,
        tokens: parseTokens(config.mcp.token, config.mcp.tokens),
        onListening: (url) => process.stderr.write(`Troupe MCP (Streamable HTTP) on ${url}\n`),
      },
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  return await new Promise<number>(() => undefined);
}

/** The queues and health endpoint of a PostgreSQL deployment (nothing on SQLite). */
interface ScaleOut {
  /** The pg-boss queue of one platform's jobs with this process's role, or undefined on SQLite. */
  queueFor(platform: string): Promise<{ queue: JobQueue; role: AppConfig['scale']['role'] } | undefined>;
}

/**
 * On PostgreSQL: one pg-boss queue per platform (a worker never runs another platform's job through the
 * wrong chat), the health server when TROUPE_HEALTH_PORT is set (readiness: the database and every queue
 * answer, and the process is not draining). On SQLite jobs stay in process and only health is served.
 */
async function startScaleOut(
  config: AppConfig,
  store: Store,
  drainFirst: (() => Promise<void>)[],
  stopBeforeClose: (() => Promise<void>)[],
): Promise<ScaleOut> {
  const queues: JobQueue[] = [];
  const onPostgres = providerOf(config.database.url) === 'postgresql';
  if (config.scale.healthPort !== undefined) {
    const { startHealthServer } = await import('./adapters/worker/index.js');
    const health = await startHealthServer({
      port: config.scale.healthPort,
      checks: [
        {
          name: 'database',
          check: async () => {
            await store.getValue('system', 'health');
            return true;
          },
        },
        { name: 'queues', check: async () => (await Promise.all(queues.map((queue) => queue.ping()))).every(Boolean) },
      ],
    });
    drainFirst.unshift(async () => health.markDraining());
    stopBeforeClose.push(() => health.close());
  }
  return {
    async queueFor(platform) {
      if (!onPostgres) return undefined;
      const { PgBossQueue } = await import('./adapters/worker/index.js');
      const queue = await PgBossQueue.open({
        url: config.database.url,
        flags: store,
        concurrency: config.scale.workerConcurrency,
        tenantLimit: config.troupe.maxConcurrentJobs,
        queueName: `troupe-jobs-${platform}`,
      });
      queues.push(queue);
      stopBeforeClose.push(() => queue.close());
      return { queue, role: config.scale.role };
    },
  };
}

/**
 * The store as one platform's command service sees it: job recovery lists only that platform's
 * tenants' jobs, so platforms served side by side never resume each other's jobs through
 * the wrong chat.
 */
function jobsOfPlatform(store: Store, tenantPrefix: string): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'listJobsByStatus')
        return async (...args: Parameters<Store['listJobsByStatus']>) =>
          (await target.listJobsByStatus(...args)).filter((job) => job.tenantId.startsWith(tenantPrefix));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function slackConfigured(config: AppConfig): boolean {
  return Boolean(config.slack.botToken && (config.slack.appToken || config.slack.signingSecret));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
