import { loadConfig, type AppConfig } from './config.js';
import { startLocalChat } from './adapters/local/index.js';
import { ConfigError } from './engine/errors.js';
import { createLanguageModel } from './engine/llm/create-model.js';
import { allOfflineResponders } from './engine/offline-responders.js';
import type { Store } from './engine/store/ports.js';
import { configSecrets, createLogger } from './logger.js';
import { openStore } from './prisma/index.js';

/**
 * The one composition root: parses the environment once, opens (and migrates) the store, builds
 * the model, then starts Slack when it is configured, else the local terminal chat. Nothing else
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
  const shutdown = (code: number) => () =>
    void Promise.allSettled(stopBeforeClose.map((stop) => stop()))
      .then(() => store.close())
      .finally(() => process.exit(code));
  process.once('SIGINT', shutdown(130));
  process.once('SIGTERM', shutdown(143));
  try {
    const model = createLanguageModel(config, {
      cacheStore: store,
      usageStore: store,
      responders: allOfflineResponders(),
    });
    const limits = {
      maxPanelSize: config.troupe.maxPanelSize,
      maxConcurrentJobs: config.troupe.maxConcurrentJobs,
      tokenBudget: config.troupe.tokenBudget,
      confirmAboveUsd: config.troupe.confirmAboveUsd,
    };
    if (slackConfigured(config) || (config.slack.clientId && config.slack.clientSecret && config.slack.stateSecret)) {
      const { startSlack } = await import('./adapters/slack/index.js');
      for (const notice of config.notices) process.stderr.write(`${notice}\n`);
      const slack = await startSlack({ config, store, model, limits, logger });
      stopBeforeClose.push(() => slack.stop());
      // Serves until SIGINT/SIGTERM: the handlers above close the store and exit; unfinished jobs resume on the next start.
      return await new Promise<number>(() => undefined);
    }
    await startLocalChat({
      store,
      model,
      limits,
      input: process.stdin,
      output: process.stdout,
      notices: config.notices,
      log: logger,
    });
    return 0;
  } finally {
    await store.close();
  }
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
