import { Writable } from 'node:stream';
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { createLogger } from '../../logger.js';
import { Harness, SIGNING_SECRET } from '../adapters/slack/harness.js';

/** Real-looking secrets: the shapes Slack and OpenAI issue. */
const BOT_TOKEN = 'xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const API_KEY = 'sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa';
const CLIENT_SECRET = 'f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8';
const ENCRYPTION_KEY = 'k7Jx2Qm9Vb4Nc8Lp1Zr6Ht3Wy5Ds0Fa=';
const SECRETS = [BOT_TOKEN, API_KEY, CLIENT_SECRET, ENCRYPTION_KEY, SIGNING_SECRET];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

/** A store whose panel listing fails the way a driver does: the message echoes connection details. */
class FailingStore extends MemoryStore {
  override async listPanels(tenantId: string) {
    if (tenantId.endsWith('TFAIL')) {
      throw new Error(
        `PrismaClientKnownRequestError: Invalid \`prisma.panel.findMany()\` invocation in /srv/troupe/prisma/panel-repository.ts:42 — SQLITE_BUSY (token=${BOT_TOKEN}, key=${API_KEY}, Authorization: Bearer ${BOT_TOKEN})`,
      );
    }
    return super.listPanels(tenantId);
  }
}

describe('security: secrets never reach the log, internal errors never reach the channel', () => {
  const log = capture();
  let harness: Harness;

  beforeAll(async () => {
    const logger = createLogger({ destination: log.stream, level: 'debug', secrets: SECRETS });
    harness = await Harness.start({
      store: new FailingStore(),
      overrides: { botToken: BOT_TOKEN, logger, log: undefined, logLevel: LogLevel.DEBUG },
    });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('runs a full flow with a failure, logging it under an id, with none of the secrets in the log', async () => {
    expect((await harness.command('/panel', 'create 3 nurses in Lagos')).status).toBe(200);
    await harness.idle();
    expect((await harness.command('/panel', 'ask What would you pay for a bus app?')).status).toBe(200);
    await harness.idle();
    expect((await harness.command('/panel', 'list', { team: 'TFAIL' })).status).toBe(200);
    await harness.idle();
    // A direct log of the secrets by field and inside a message, as careless code would write them.
    const logger = createLogger({ destination: log.stream, secrets: SECRETS });
    logger.info({ botToken: BOT_TOKEN, headers: { authorization: `Bearer ${BOT_TOKEN}` }, apiKey: API_KEY }, 'config');
    logger.error({ err: new Error(`provider said: bad key ${API_KEY}`) }, `slack token ${BOT_TOKEN}`);

    const text = log.text();
    const records = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(5);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('[Redacted]');

    const internal = records.find((record) => record.msg === 'internal error');
    expect(internal?.errorId).toMatch(/^e-[0-9a-f]{8}$/);
    expect(JSON.stringify(internal)).toContain('SQLITE_BUSY');

    const posted = harness.slack.calls
      .filter((call) => call.method === 'chat.postEphemeral' || call.method === 'chat.postMessage')
      // The token is how the call authenticates to Slack; what matters is the message itself.
      .map((call) => JSON.stringify({ ...call.args, token: undefined }));
    const failure = posted.find((args) => args.includes(String(internal?.errorId)));
    expect(failure).toContain('Something went wrong on our side');
    for (const args of posted) {
      expect(args).not.toContain('SQLITE_BUSY');
      expect(args).not.toContain('prisma');
      for (const secret of SECRETS) expect(args).not.toContain(secret);
    }
  });
});
