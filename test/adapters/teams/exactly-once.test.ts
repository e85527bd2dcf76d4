import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotentPoster } from '../../../commands/jobs/poster.js';
import type { PostRecord, Store } from '../../../engine/store/ports.js';
import { FakeConnector } from '../../fakes/bot-connector.js';
import { FakeJwks } from '../../fakes/bot-jwks.js';
import { chain, Harness, tempStore } from './harness.js';

const TENANT = 'teams:tenant-a';
const never = () => new Promise<never>(() => undefined);

/**
 * The store as a process that dies at a chosen store call sees it: `after` lets the call through
 * and then dies, `before` dies instead of making it. Once dead every store call hangs, so nothing
 * more of that process reaches the store (or, through the send marks, the connector).
 */
function dyingStore(store: Store, crashAt: (method: string, args: unknown[]) => 'before' | 'after' | undefined) {
  let dead = false;
  let announce: () => void = () => undefined;
  const crashed = new Promise<void>((resolve) => (announce = resolve));
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (dead) return never();
        const when = crashAt(String(property), args);
        if (when === 'before') {
          dead = true;
          announce();
          return never();
        }
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (when !== 'after') return result;
        dead = true;
        return Promise.resolve(result).then(() => {
          announce();
          return never();
        });
      };
    },
  });
  return { store: proxy, crashed };
}

/** Crash on the `nth` persona answer: `reserved` = after its reservation (never sent), `delivered` = after the connector took it (id never recorded by the poster). */
function atPersonaAnswer(nth: number, window: 'reserved' | 'delivered') {
  let seen = 0;
  return (method: string, args: unknown[]) => {
    const post = args[0] as PostRecord | undefined;
    if (method !== 'recordPost' || !post?.speaker || Boolean(post.platformId) !== (window === 'delivered'))
      return undefined;
    seen += 1;
    if (seen !== nth) return undefined;
    return window === 'reserved' ? 'after' : 'before';
  };
}

describe('exactly-once persona posts to Teams across a crash between two posts (real SDK, fake connector, SQLite)', () => {
  let connector: FakeConnector;
  let jwks: FakeJwks;
  let harness: Harness;
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    connector = await FakeConnector.start();
    jwks = await FakeJwks.start();
    harness = await Harness.start({ store, connector, jwks });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('a post that was mid-send when the process stopped (outcome unknown) is not sent again', async () => {
    const channel = '19:unknown@thread.tacv2';
    await harness.mention('help', { id: 'unknown-1', channel });
    await harness.idle();
    const key = 'job:u1:answer:Ada:1:0';
    const conversation = { tenantId: TENANT, channelKey: channel, userId: '29:u1', threadKey: '1800000000999' };
    await store.recordPost({ ...conversation, idempotencyKey: key, speaker: 'Ada', body: { kind: 'text', text: 'x' } });
    await store.setValue(TENANT, `teams:sending:${key}`, { at: 1 });
    const uncertain: string[] = [];
    const poster = new IdempotentPoster(store, harness.teams.sink, {
      onUncertain: (post) => uncertain.push(post.reason),
    });
    const before = connector.calls.length;
    const outcome = await poster.post(conversation, {
      kind: 'text',
      text: 'Price matters.',
      idempotencyKey: key,
      speaker: { kind: 'persona', name: 'Ada' },
    });
    expect(outcome).toMatchObject({ skipped: true, uncertain: true });
    expect(uncertain).toEqual(['lookup-failed']);
    expect(connector.calls.length).toBe(before);
  });

  for (const [index, window] of (['reserved', 'delivered'] as const).entries()) {
    it(`a job resumed after a crash (second answer ${window}) ends with each persona's answer exactly once`, async () => {
      const channel = `19:crash-${window}@thread.tacv2`;
      await harness.mention(`panel create 3 US parents --name crash-${window}`, { id: `create-${window}`, channel });
      await harness.idle();
      const dying = dyingStore(store, atPersonaAnswer(2, window));
      const crashing = await Harness.start({ store: dying.store, connector, jwks });
      await crashing.mention('Would you switch banks for a better app?', { id: `ask-${window}-${index}`, channel });
      await dying.crashed;
      await crashing.teams.stop();
      const running = (await store.listJobsByStatus(['running'])).filter(
        (job) => (job.conversation as { tenantId?: string }).tenantId === TENANT && job.kind === 'panel.ask',
      );
      expect(running).toHaveLength(1);
      const root = String((await store.findPost(TENANT, `job:${running[0].id}:question`))!.platformId);
      const deliveredBefore = harness.personaPosts(chain(root, channel));
      expect(deliveredBefore).toHaveLength(window === 'delivered' ? 2 : 1);

      const report = await harness.teams.service.recoverJobs();
      expect(report.resumed).toContain(running[0].id);
      await harness.idle();
      expect((await store.getJob(TENANT, running[0].id))?.status).toBe('succeeded');

      const delivered = harness.personaPosts(chain(root, channel));
      const speakers = delivered.map((held) => String(held.activity.summary).split(':')[0]);
      const names = (await store.listPersonas(TENANT, (await store.getPanel(TENANT, `crash-${window}`))!.id)).map(
        (persona) => persona.name,
      );
      expect([...speakers].sort()).toEqual([...names].sort());
      const records = (await store.listPosts(TENANT, channel, root)).filter((post) => post.speaker);
      expect(records.map((post) => post.platformId).sort()).toEqual(delivered.map((held) => held.id).sort());
      expect(deliveredBefore.map((held) => held.id)).toEqual(
        delivered.slice(0, deliveredBefore.length).map((h) => h.id),
      );
    });
  }
});
