import { z } from 'zod';
import { ConfigError } from './engine/errors.js';
import type { LlmSettings } from './engine/llm/create-model.js';
import {
  COMPACT_PROFILE_TASKS,
  DEFAULT_COMPACT_PROFILE_TASKS,
  type CompactProfileTask,
} from './engine/agent/compact-profile/tasks.js';
import { isLoopbackHost } from './adapters/web/web-auth.js';

/**
 * The whole deployment configuration, parsed once from the environment at start-up (see
 * `loadConfig`). Nothing else in the code base reads `process.env`.
 */
export interface AppConfig {
  llm: LlmSettings;
  database: { url: string };
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    apiUrl?: string;
    /** `TROUPE_ENCRYPTION_KEY`: encrypts Slack installations at rest (required in OAuth mode). */
    encryptionKey?: string;
  };
  /** Discord bot (`DISCORD_*`): served when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set. */
  discord: {
    token?: string;
    applicationId?: string;
    /** Guild for `npm run discord:register` (guild-scoped commands); global registration without it. */
    guildId?: string;
    /** REST base, e.g. a loopback fake (`http://127.0.0.1:PORT/api`); the gateway URL comes from its GET /gateway/bot. */
    apiUrl?: string;
    /** Whether the privileged MessageContent intent is requested (`DISCORD_MESSAGE_CONTENT`, default on). */
    messageContent: boolean;
  };
  server: { port: number };
  /** Microsoft Teams (`adapters/teams/`): set by TEAMS_APP_ID, or TEAMS_ALLOW_ANONYMOUS=true for the emulator. */
  teams: { appId?: string; appPassword?: string; tenantId?: string; allowAnonymous: boolean; port?: number };
  /** Public https base URL of this server (`TROUPE_PUBLIC_URL`), e.g. for Slack persona avatar URLs. */
  publicUrl?: string;
  troupe: {
    maxPanelSize: number;
    maxConcurrentJobs: number;
    tokenBudget?: number;
    confirmAboveUsd: number;
  };
  /**
   * The web playground (`adapters/web/`), served beside the terminal chat or the chat platforms: on 127.0.0.1 unless
   * `TROUPE_WEB_HOST` says otherwise, which then needs `TROUPE_WEB_TOKEN`. `TROUPE_WEB_PORT=off` turns it off.
   */
  web: { enabled: boolean; host: string; port?: number; token?: string };
  /** MCP server (`npm run mcp`): bearer tokens (each a tenant) and the address of its Streamable HTTP endpoint. */
  mcp: { token?: string; tokens?: string; host: string; port: number };
  /** Scale-out (#20): with PostgreSQL, jobs go through pg-boss queues; front ends and workers may be separate processes. */
  scale: {
    /** `TROUPE_ROLE`: `web` only acknowledges and enqueues, `worker` only runs jobs, `all` does both (default). */
    role: 'web' | 'worker' | 'all';
    /** `TROUPE_WORKER_CONCURRENCY`: jobs one worker process runs at once (default 4). */
    workerConcurrency: number;
    /** `TROUPE_SHUTDOWN_GRACE_MS`: how long a stopping process lets running jobs finish before handing them back (default 20000). */
    shutdownGraceMs: number;
    /** `TROUPE_HEALTH_PORT`: serves GET /healthz and /readyz on this port (none when unset). */
    healthPort?: number;
  };
  /** Things the operator should know at start-up (e.g. running on the offline model). */
  notices: string[];
}

/** What a variable must look like, shown in the error, with an example of a right value. */
interface VarRule {
  schema: z.ZodType;
  expects: string;
  example: string;
  /** Never echoed in an error (only its first characters and length). */
  secret?: boolean;
}

const text = z.string().min(1);
const positiveInt = z.coerce.number().int().positive();
const url = z.url({ protocol: /^https?$/ });

const RULES = {
  LLM_PROVIDER: { schema: z.enum(['openai', 'offline']), expects: 'one of openai, offline', example: 'openai' },
  LLM_BASE_URL: { schema: url, expects: 'an http(s) URL', example: 'http://localhost:11434/v1' },
  LLM_API_KEY: { schema: text, expects: 'an API key', example: 'sk-...', secret: true },
  OPENAI_API_KEY: { schema: text, expects: 'an API key', example: 'sk-...', secret: true },
  LLM_MODEL: { schema: text, expects: 'a model name', example: 'gpt-4.1-mini' },
  LLM_MODEL_SMALL: { schema: text, expects: 'a model name', example: 'gpt-4.1-nano' },
  LLM_PROMPT_CACHE_KEY: { schema: z.enum(['auto', 'off']), expects: 'auto or off', example: 'auto' },
  LLM_COMPACT_PROFILE: {
    schema: z
      .string()
      .regex(/^(none|all|[a-z]+(,[a-z]+)*)$/)
      .refine((value) => value.split(',').every((task) => ['none', 'all', ...COMPACT_PROFILE_TASKS].includes(task))),
    expects: `none, all, or a comma-separated list of ${COMPACT_PROFILE_TASKS.join(', ')}`,
    example: 'poll,judge',
  },
  LLM_EMBEDDING_MODEL: { schema: text, expects: 'a model name', example: 'text-embedding-3-small' },
  LLM_EMBEDDING_DIMENSIONS: {
    schema: z.union([z.literal('native'), positiveInt]),
    expects: "a positive integer (OpenAI's `dimensions`), or native to send none",
    example: '512',
  },
  LLM_MAX_CONCURRENCY: { schema: positiveInt, expects: 'a positive integer', example: '8' },
  LLM_RPM: { schema: positiveInt, expects: 'a positive integer (requests per minute)', example: '500' },
  LLM_TPM: { schema: positiveInt, expects: 'a positive integer (tokens per minute)', example: '200000' },
  LLM_TIMEOUT_MS: { schema: positiveInt, expects: 'a positive integer (milliseconds)', example: '60000' },
  LLM_CACHE: { schema: z.enum(['on', 'off']), expects: 'on or off', example: 'on' },
  DATABASE_URL: {
    schema: z.string().regex(/^(file:|postgres(ql)?:\/\/)/),
    expects: 'a file: or postgres:// URL',
    example: 'file:./data/troupe.db',
    secret: true,
  },
  SLACK_BOT_TOKEN: {
    schema: z.string().startsWith('xoxb-'),
    expects: 'a bot token starting with xoxb-',
    example: 'xoxb-...',
    secret: true,
  },
  SLACK_APP_TOKEN: {
    schema: z.string().startsWith('xapp-'),
    expects: 'an app-level token starting with xapp-',
    example: 'xapp-...',
    secret: true,
  },
  SLACK_SIGNING_SECRET: { schema: text, expects: 'the app signing secret', example: '8f7e...', secret: true },
  SLACK_CLIENT_ID: { schema: text, expects: 'the app client id', example: '123.456' },
  SLACK_CLIENT_SECRET: { schema: text, expects: 'the app client secret', example: 'abc123...', secret: true },
  SLACK_STATE_SECRET: {
    schema: text,
    expects: 'a random secret for OAuth state',
    example: 'a-long-random-string',
    secret: true,
  },
  TROUPE_ENCRYPTION_KEY: {
    schema: z.string().refine((value) => Buffer.from(value, 'base64').length === 32),
    expects: '32 random bytes in base64 (openssl rand -base64 32)',
    example: 'q1w2e3...=',
    secret: true,
  },
  SLACK_API_URL: { schema: url, expects: 'an http(s) URL', example: 'https://slack.com/api/' },
  DISCORD_TOKEN: {
    schema: z.string().regex(/^[\w.-]{20,}$/),
    expects: 'a Discord bot token',
    example: 'MTIz...',
    secret: true,
  },
  DISCORD_APPLICATION_ID: {
    schema: z.string().regex(/^\d{15,22}$/),
    expects: 'a Discord application id (digits)',
    example: '123456789012345678',
  },
  DISCORD_GUILD_ID: {
    schema: z.string().regex(/^\d{15,22}$/),
    expects: 'a Discord server id (digits)',
    example: '123456789012345678',
  },
  DISCORD_API_URL: { schema: url, expects: 'an http(s) URL', example: 'https://discord.com/api' },
  DISCORD_MESSAGE_CONTENT: { schema: z.enum(['on', 'off']), expects: 'on or off', example: 'on' },
  TEAMS_APP_ID: {
    schema: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    expects: "the bot's Microsoft App ID (a GUID)",
    example: '00000000-0000-0000-0000-000000000000',
  },
  TEAMS_APP_PASSWORD: { schema: text, expects: "the bot's client secret", example: 'abc~123...', secret: true },
  TEAMS_TENANT_ID: {
    schema: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    expects: 'the Entra tenant id of a single-tenant bot (a GUID)',
    example: '00000000-0000-0000-0000-000000000000',
  },
  TEAMS_ALLOW_ANONYMOUS: {
    schema: z.enum(['true', 'false']),
    expects: 'true or false (true only for the local emulator)',
    example: 'false',
  },
  TEAMS_PORT: {
    schema: z.coerce.number().int().min(1).max(65_535),
    expects: 'a port number for Teams when Slack HTTP mode also runs (PORT is taken)',
    example: '3978',
  },
  TROUPE_PUBLIC_URL: {
    schema: url,
    expects: 'the public http(s) URL of this server',
    example: 'https://troupe.example.com',
  },
  PORT: {
    schema: z.coerce.number().int().min(1).max(65_535),
    expects: 'a port number between 1 and 65535',
    example: '3000',
  },
  TROUPE_MAX_PANEL_SIZE: { schema: positiveInt, expects: 'a positive integer', example: '50' },
  TROUPE_MAX_CONCURRENT_JOBS: { schema: positiveInt, expects: 'a positive integer', example: '3' },
  TROUPE_TOKEN_BUDGET: {
    schema: positiveInt,
    expects: 'a positive integer (total tokens a workspace may spend)',
    example: '2000000',
  },
  TROUPE_CONFIRM_ABOVE_USD: {
    schema: z.coerce.number().nonnegative(),
    expects: 'a non-negative number of US dollars',
    example: '0.5',
  },
  TROUPE_WEB_PORT: {
    schema: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)]),
    expects: 'a port number (0 picks a free one) or off',
    example: '5173',
  },
  TROUPE_WEB_HOST: {
    schema: z.string().regex(/^[\w.:-]+$/),
    expects: 'a host name or IP address to bind the playground to',
    example: '127.0.0.1',
  },
  TROUPE_WEB_TOKEN: {
    schema: z.string().min(16).regex(/^\S+$/),
    expects: 'a random token of at least 16 characters without spaces (openssl rand -hex 24)',
    example: '3f9c…',
    secret: true,
  },
  TROUPE_MCP_TOKEN: {
    schema: z.string().min(16),
    expects: 'a bearer token of at least 16 characters for the MCP HTTP endpoint',
    example: '$(openssl rand -hex 32)',
    secret: true,
  },
  TROUPE_MCP_TOKENS: {
    schema: z.string().regex(/^[\w.-]{1,40}:\S{16,}(,[\w.-]{1,40}:\S{16,})*$/),
    expects: 'tenant:token pairs separated by commas (tokens of at least 16 characters, or sha256:<hex>)',
    example: 'acme:<token>,globex:sha256:<hex digest>',
    secret: true,
  },
  TROUPE_MCP_HOST: { schema: text, expects: 'an address to bind the MCP HTTP endpoint to', example: '127.0.0.1' },
  TROUPE_MCP_PORT: {
    schema: z.coerce.number().int().min(0).max(65_535),
    expects: 'a port number for the MCP HTTP endpoint (0 picks a free one)',
    example: '3100',
  },
  TROUPE_ROLE: { schema: z.enum(['web', 'worker', 'all']), expects: 'one of web, worker, all', example: 'worker' },
  TROUPE_WORKER_CONCURRENCY: { schema: positiveInt, expects: 'a positive integer', example: '4' },
  TROUPE_SHUTDOWN_GRACE_MS: {
    schema: z.coerce.number().int().nonnegative(),
    expects: 'a non-negative integer (milliseconds)',
    example: '20000',
  },
  TROUPE_HEALTH_PORT: {
    schema: z.coerce.number().int().min(1).max(65_535),
    expects: 'a port number between 1 and 65535',
    example: '8080',
  },
} satisfies Record<string, VarRule>;

type VarName = keyof typeof RULES;
type Parsed = { [K in VarName]?: z.infer<(typeof RULES)[K]['schema']> };

/** Names of every variable `loadConfig` reads, e.g. for a `.env.example`. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(RULES);

export const OFFLINE_NOTICE =
  'No LLM_API_KEY (or OPENAI_API_KEY) or LLM_BASE_URL is set: running on the offline demo model, whose answers are canned. ' +
  'Set LLM_API_KEY, or LLM_BASE_URL for a local server such as Ollama (e.g. LLM_BASE_URL=http://localhost:11434/v1 LLM_MODEL=llama3.1).';

/**
 * Parses the environment into an AppConfig. Pure: pass `process.env` from the composition root.
 * Blank values count as unset. Every wrong variable is reported in one ConfigError (`config.invalid`).
 *
 * @example
 *   const config = loadConfig(process.env);
 *   for (const notice of config.notices) console.warn(notice);
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const values: Parsed = {};
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(RULES) as [VarName, VarRule][]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const parsed = rule.schema.safeParse(
      name === 'LLM_PROVIDER' ||
        name === 'LLM_CACHE' ||
        name === 'LLM_PROMPT_CACHE_KEY' ||
        name === 'LLM_COMPACT_PROFILE' ||
        name === 'DISCORD_MESSAGE_CONTENT'
        ? raw.toLowerCase()
        : raw,
    );
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else
      problems.push(
        `${name} must be ${rule.expects} (got ${rule.secret ? `${raw.length} characters starting "${raw.slice(0, 4)}…"` : `"${raw}"`}), e.g. ${name}=${rule.example}`,
      );
  }

  const apiKey = values.LLM_API_KEY ?? values.OPENAI_API_KEY;
  const baseURL = values.LLM_BASE_URL;
  const provider = values.LLM_PROVIDER ?? (apiKey || baseURL ? 'openai' : 'offline');
  if (values.LLM_PROVIDER === 'openai' && !apiKey && !baseURL && !problems.some((p) => p.startsWith('LLM_BASE_URL'))) {
    problems.push(
      'LLM_PROVIDER is openai but neither LLM_API_KEY (or OPENAI_API_KEY) nor LLM_BASE_URL is set; set one, e.g. LLM_API_KEY=sk-... or LLM_BASE_URL=http://localhost:11434/v1',
    );
  }
  const webHost = values.TROUPE_WEB_HOST ?? '127.0.0.1';
  if (!isLoopbackHost(webHost) && !values.TROUPE_WEB_TOKEN && values.TROUPE_WEB_PORT !== 'off')
    problems.push(
      `TROUPE_WEB_HOST=${webHost} is not a loopback address, so the playground needs TROUPE_WEB_TOKEN (at least 16 characters), e.g. TROUPE_WEB_TOKEN=$(openssl rand -hex 24); or leave TROUPE_WEB_HOST unset for 127.0.0.1`,
    );
  if (problems.length > 0) {
    throw new ConfigError('config.invalid', `Invalid configuration:\n- ${problems.join('\n- ')}`);
  }

  const notices: string[] = [];
  if (provider === 'offline')
    notices.push(
      values.LLM_PROVIDER === 'offline' ? 'LLM_PROVIDER=offline: running on the offline demo model.' : OFFLINE_NOTICE,
    );

  return {
    llm: {
      provider,
      baseURL,
      apiKey,
      model: values.LLM_MODEL ?? 'gpt-4.1-mini',
      smallModel: values.LLM_MODEL_SMALL,
      promptCacheKey: values.LLM_PROMPT_CACHE_KEY ?? 'auto',
      compactProfile: compactProfileTasks(values.LLM_COMPACT_PROFILE),
      embeddingModel: values.LLM_EMBEDDING_MODEL,
      embeddingDimensions: values.LLM_EMBEDDING_DIMENSIONS,
      maxConcurrency: values.LLM_MAX_CONCURRENCY ?? 8,
      rpm: values.LLM_RPM,
      tpm: values.LLM_TPM,
      timeoutMs: values.LLM_TIMEOUT_MS ?? 60_000,
      cache: (values.LLM_CACHE ?? 'on') === 'on',
    },
    database: { url: values.DATABASE_URL ?? 'file:./data/troupe.db' },
    slack: {
      botToken: values.SLACK_BOT_TOKEN,
      appToken: values.SLACK_APP_TOKEN,
      signingSecret: values.SLACK_SIGNING_SECRET,
      clientId: values.SLACK_CLIENT_ID,
      clientSecret: values.SLACK_CLIENT_SECRET,
      stateSecret: values.SLACK_STATE_SECRET,
      apiUrl: values.SLACK_API_URL,
      encryptionKey: values.TROUPE_ENCRYPTION_KEY,
    },
    discord: {
      token: values.DISCORD_TOKEN,
      applicationId: values.DISCORD_APPLICATION_ID,
      guildId: values.DISCORD_GUILD_ID,
      apiUrl: values.DISCORD_API_URL,
      messageContent: (values.DISCORD_MESSAGE_CONTENT ?? 'on') === 'on',
    },
    server: { port: values.PORT ?? 3000 },
    teams: {
      appId: values.TEAMS_APP_ID,
      appPassword: values.TEAMS_APP_PASSWORD,
      tenantId: values.TEAMS_TENANT_ID,
      allowAnonymous: values.TEAMS_ALLOW_ANONYMOUS === 'true',
      port: values.TEAMS_PORT,
    },
    publicUrl: values.TROUPE_PUBLIC_URL,
    troupe: {
      maxPanelSize: values.TROUPE_MAX_PANEL_SIZE ?? 50,
      maxConcurrentJobs: values.TROUPE_MAX_CONCURRENT_JOBS ?? 3,
      tokenBudget: values.TROUPE_TOKEN_BUDGET,
      confirmAboveUsd: values.TROUPE_CONFIRM_ABOVE_USD ?? 0.5,
    },
    web: {
      enabled: values.TROUPE_WEB_PORT !== 'off',
      host: webHost,
      port: typeof values.TROUPE_WEB_PORT === 'number' ? values.TROUPE_WEB_PORT : undefined,
      token: values.TROUPE_WEB_TOKEN,
    },
    mcp: {
      token: values.TROUPE_MCP_TOKEN,
      tokens: values.TROUPE_MCP_TOKENS,
      host: values.TROUPE_MCP_HOST ?? '127.0.0.1',
      port: values.TROUPE_MCP_PORT ?? 3100,
    },
    scale: scaleOf(values),
    notices,
  };
}

/** `LLM_COMPACT_PROFILE` as the tasks that use the compact profile (default: the fidelity check's choice). */
function compactProfileTasks(value: string | undefined): CompactProfileTask[] {
  if (value === undefined) return [...DEFAULT_COMPACT_PROFILE_TASKS];
  if (value === 'none') return [];
  if (value.split(',').includes('all')) return [...COMPACT_PROFILE_TASKS];
  return [...new Set(value.split(','))] as CompactProfileTask[];
}

/** The config with secrets masked, safe to log at start-up. */
export function redactConfig(config: AppConfig): AppConfig {
  const mask = (value?: string) => (value ? `${value.slice(0, 4)}…(${value.length} chars)` : undefined);
  return {
    ...config,
    llm: { ...config.llm, apiKey: mask(config.llm.apiKey) },
    slack: {
      ...config.slack,
      botToken: mask(config.slack.botToken),
      appToken: mask(config.slack.appToken),
      signingSecret: mask(config.slack.signingSecret),
      clientSecret: mask(config.slack.clientSecret),
      stateSecret: mask(config.slack.stateSecret),
    },
    discord: { ...config.discord, token: mask(config.discord.token) },
    teams: { ...config.teams, appPassword: mask(config.teams.appPassword) },
    web: { ...config.web, token: mask(config.web.token) },
    mcp: { ...config.mcp, token: mask(config.mcp.token), tokens: mask(config.mcp.tokens) },
  };
}

/** The scale-out settings; a role other than `all` needs PostgreSQL (SQLite is one process's file). */
function scaleOf(values: Parsed): AppConfig['scale'] {
  const role = values.TROUPE_ROLE ?? 'all';
  const onPostgres = /^postgres(ql)?:\/\//.test(values.DATABASE_URL ?? '');
  if (role !== 'all' && !onPostgres)
    throw new ConfigError(
      'scale.role',
      `TROUPE_ROLE=${role} needs PostgreSQL (web and worker processes share its queue), e.g. DATABASE_URL=postgresql://troupe:secret@db:5432/troupe`,
    );
  return {
    role,
    workerConcurrency: values.TROUPE_WORKER_CONCURRENCY ?? 4,
    shutdownGraceMs: values.TROUPE_SHUTDOWN_GRACE_MS ?? 20_000,
    healthPort: values.TROUPE_HEALTH_PORT,
  };
}
