import type { AppConfig } from '../../config.js';
import type { CommandLimits, CommandServiceOptions } from '../../commands/service.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { createTeamsApp, type TeamsApp } from './create-app.js';

/** True when the configuration asks for Teams: an app id, or explicit anonymous mode. */
export function teamsConfigured(config: Pick<AppConfig, 'teams'>): boolean {
  return Boolean(config.teams.appId || config.teams.allowAnonymous);
}

export interface StartTeamsOptions {
  config: AppConfig;
  store: Store;
  model: LanguageModel;
  limits: CommandLimits;
  /** The port to listen on (defaults to PORT; main passes another when Slack's HTTP server holds PORT). */
  port?: number;
  log?: (line: string) => void;
  /**
   * Jobs through a shared queue (PostgreSQL): a `web` process answers activities and only enqueues; a
   * `worker` listens on no port and posts proactively from the stored conversation references.
   */
  jobQueue?: CommandServiceOptions['jobQueue'];
}

/**
 * Starts Troupe on Teams as configured (messaging endpoint `POST /api/messages` on PORT), resumes
 * jobs a previous process left unfinished, and returns the running app. With a job queue in the
 * `worker` role it only runs queued jobs, posting through the Teams SDK's API client.
 *
 * @example
 *   const teams = await startTeams({ config, store, model, limits });
 */
export async function startTeams(options: StartTeamsOptions): Promise<TeamsApp> {
  const { config } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const teams = createTeamsApp({
    store: options.store,
    model: options.model,
    limits: options.limits,
    appId: config.teams.appId,
    appPassword: config.teams.appPassword,
    tenantId: config.teams.tenantId,
    allowAnonymous: config.teams.allowAnonymous,
    publicUrl: config.publicUrl,
    port: options.port ?? config.server.port,
    serviceOptions: options.jobQueue ? { jobQueue: options.jobQueue } : undefined,
  });
  if (options.jobQueue?.role === 'worker') {
    await teams.service.runner.serve();
    log('Troupe is running Teams jobs from the queue (TROUPE_ROLE=worker: no messaging endpoint here).');
    return teams;
  }
  await teams.start();
  await teams.service.runner.serve();
  log(
    `Troupe is running on Teams: messaging endpoint http://0.0.0.0:${teams.port}/api/messages${config.teams.allowAnonymous ? ' (ANONYMOUS: TEAMS_ALLOW_ANONYMOUS=true, for the emulator only)' : ''}.`,
  );
  if (!config.publicUrl)
    log('TROUPE_PUBLIC_URL is not set: no avatars or export links in Teams; small charts go inline.');
  const recovery = await teams.service.recoverJobs();
  if (recovery.resumed.length || recovery.interrupted.length)
    log(
      `Recovered after a restart: ${recovery.resumed.length} job(s) resumed, ${recovery.interrupted.length} reported as interrupted.`,
    );
  return teams;
}
