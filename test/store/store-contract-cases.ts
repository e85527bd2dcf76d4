import { describe, expect, it } from 'vitest';
import type { Store, UsageEntry } from '../../engine/store/ports.js';
import { A, B, persona, talk } from './store-fixtures.js';

// Contract cases for worlds/events, jobs/posts/cache/usage/values and tenant isolation.

export function registerWorldTests(get: () => Store): void {
  describe('worlds and events', () => {
    it('seats a panel, replaces the seating and restores a panel re-seated later', async () => {
      const store = get();
      const p1 = await store.createPanel(A, { name: 'p1', description: '' });
      const p2 = await store.createPanel(A, { name: 'p2', description: '' });
      const w1 = await store.seatPanel(A, 'C1', p1.id);
      expect(w1).toMatchObject({ tenantId: A, channelKey: 'C1', panelId: p1.id });
      expect(await store.seatPanel(A, 'C1', p1.id)).toEqual(w1);
      await store.saveWorldState(A, w1.id, { clock: '10:00' });
      await store.appendEvents(A, w1.id, [talk('Ada', 'one')]);

      const w2 = await store.seatPanel(A, 'C1', p2.id);
      expect(w2.id).not.toBe(w1.id);
      expect(await store.getWorld(A, 'C1')).toEqual(w2);
      expect(await store.getWorld(A, 'C2')).toBeUndefined();

      const back = await store.seatPanel(A, 'C1', p1.id);
      expect(back).toEqual({ ...w1, state: { clock: '10:00' } });
      expect((await store.listEvents(A, back.id)).map((e) => e.content)).toEqual(['one']);
      await expect(store.seatPanel(A, 'C1', 'missing')).rejects.toMatchObject({ code: 'panel.not_found' });
    });

    it('appends events in order with increasing seq and filters them', async () => {
      const store = get();
      const panel = await store.createPanel(A, { name: 'p', description: '' });
      const world = await store.seatPanel(A, 'C1', panel.id);
      const first = await store.appendEvents(A, world.id, [
        { agent: 'facilitator', kind: 'stimulus', type: 'CONVERSATION', content: 'q?', threadKey: 't1' },
        talk('Ada', 'a1', 't1'),
      ]);
      expect(first.map((e) => e.seq)).toEqual([1, 2]);
      expect(first[0].createdAt).toBeTypeOf('string');
      const more = await Promise.all([
        store.appendEvents(A, world.id, [talk('Bo', 'b1', 't2'), talk('Bo', 'b2', 't2')]),
        store.appendEvents(A, world.id, [talk('Cy', 'c1', 't1')]),
      ]);
      const seqs = more.flat().map((e) => e.seq!);
      expect([...seqs].sort((a, b) => a - b)).toEqual([3, 4, 5]);
      expect(more[0][1].seq! - more[0][0].seq!).toBe(1);

      const all = await store.listEvents(A, world.id);
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(all[1]).toMatchObject(talk('Ada', 'a1', 't1'));
      expect((await store.listEvents(A, world.id, { threadKey: 't2' })).map((e) => e.content)).toEqual(['b1', 'b2']);
      expect((await store.listEvents(A, world.id, { afterSeq: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
      expect((await store.listEvents(A, world.id, { threadKey: 't1', afterSeq: 1 })).map((e) => e.type)).toEqual([
        'TALK',
        'TALK',
      ]);
    });
  });
}

export function registerJobPostTests(get: () => Store): void {
  describe('jobs', () => {
    it('runs a job through its lifecycle and lists it for recovery', async () => {
      const store = get();
      const job = await store.createJob({
        tenantId: A,
        kind: 'panel.create',
        input: { n: 3 },
        conversation: { channelKey: 'C1', threadKey: 't' },
      });
      expect(job).toMatchObject({ status: 'queued', kind: 'panel.create', input: { n: 3 } });
      expect(job.createdAt).toBe(job.updatedAt);
      const running = await store.updateJob(A, job.id, {
        status: 'running',
        progress: { done: 1, total: 3, message: 'sampling' },
      });
      expect(running).toMatchObject({
        status: 'running',
        progress: { done: 1, total: 3, message: 'sampling' },
        input: { n: 3 },
      });
      const other = await store.createJob({
        tenantId: B,
        kind: 'poll',
        input: {},
        conversation: {},
        status: 'running',
      });
      await store.createJob({ tenantId: B, kind: 'poll', input: {}, conversation: {}, status: 'succeeded' });

      const recoverable = await store.listJobsByStatus(['queued', 'running']);
      expect(recoverable.map((j) => j.id).sort()).toEqual([job.id, other.id].sort());

      const done = await store.updateJob(A, job.id, { status: 'succeeded', result: { panel: 'p' } });
      expect(done).toMatchObject({ status: 'succeeded', result: { panel: 'p' }, progress: { done: 1, total: 3 } });
      expect(Date.parse(done.updatedAt)).toBeGreaterThanOrEqual(Date.parse(job.updatedAt));
      expect(await store.getJob(A, job.id)).toEqual(done);
      const failed = await store.updateJob(B, other.id, { status: 'failed', error: 'model junk' });
      expect(failed.error).toBe('model junk');
      await expect(store.updateJob(A, 'missing', { status: 'failed' })).rejects.toMatchObject({
        code: 'job.not_found',
      });
    });

    it('lists a tenant’s jobs newest first with a limit', async () => {
      const store = get();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++)
        ids.push((await store.createJob({ tenantId: A, kind: `k${i}`, input: {}, conversation: {} })).id);
      expect((await store.listJobs(A)).map((j) => j.id)).toEqual([...ids].reverse());
      expect((await store.listJobs(A, 2)).map((j) => j.kind)).toEqual(['k3', 'k2']);
      expect(await store.listJobs(B)).toEqual([]);
    });
  });

  describe('posts, cache, usage, key-values', () => {
    it('records a post once per idempotency key', async () => {
      const store = get();
      const post = {
        tenantId: A,
        idempotencyKey: 'job:1:answer:Ada',
        channelKey: 'C1',
        threadKey: 't1',
        speaker: 'Ada',
        body: { text: 'hi' },
      };
      expect(await store.findPost(A, post.idempotencyKey)).toBeUndefined();
      const first = await store.recordPost(post);
      expect(first).toMatchObject(post);
      const again = await store.recordPost({ ...post, body: { text: 'different' } });
      expect(again.body).toEqual({ text: 'hi' });
      const confirmed = await store.recordPost({ ...post, platformId: '1700.1' });
      expect(confirmed.platformId).toBe('1700.1');
      expect(await store.findPost(A, post.idempotencyKey)).toEqual(confirmed);
      await store.recordPost({
        ...post,
        idempotencyKey: 'k2',
        threadKey: 't2',
        speaker: undefined,
        body: { text: 'bot' },
      });
      await store.recordPost({ ...post, idempotencyKey: 'k3', body: { text: 'second' } });
      expect((await store.listPosts(A, 'C1')).map((p) => p.body.text)).toEqual(['hi', 'bot', 'second']);
      expect((await store.listPosts(A, 'C1', 't1')).map((p) => p.body.text)).toEqual(['hi', 'second']);
      // Same key in another tenant is a different post.
      expect((await store.recordPost({ ...post, tenantId: B, body: { text: 'B' } })).body).toEqual({ text: 'B' });
      expect(await store.listPosts(B, 'C1')).toHaveLength(1);
      // Routing a thread reply reads one post by its platform id, in its channel and tenant only.
      expect((await store.postByPlatformId(A, 'C1', '1700.1'))?.body).toEqual({ text: 'hi' });
      expect(await store.postByPlatformId(A, 'C2', '1700.1')).toBeUndefined();
      expect(await store.postByPlatformId(B, 'C1', '1700.1')).toBeUndefined();
      expect(await store.postByPlatformId(A, 'C1', '1700.2')).toBeUndefined();
    });

    it('gets and puts cache entries', async () => {
      const store = get();
      expect(await store.getCached('h1')).toBeUndefined();
      await store.putCached('h1', '{"a":1}');
      await store.putCached('h1', '{"a":2}');
      expect(await store.getCached('h1')).toBe('{"a":2}');
    });

    it('summarizes usage by task and job', async () => {
      const store = get();
      const entry = (task: string, input: number, cached = false, jobId?: string): UsageEntry => ({
        tenantId: A,
        jobId,
        task,
        model: 'gpt-x',
        inputTokens: input,
        cachedInputTokens: input / 2,
        outputTokens: input / 10,
        costUsd: input / 1000,
        cached,
      });
      const entries = [
        entry('agent.act', 100, false, 'j1'),
        entry('agent.act', 300, true, 'j1'),
        entry('factory.plan', 50, false, 'j2'),
      ];
      for (const e of entries) await store.recordUsage(e);
      await store.recordUsage({ ...entries[0], tenantId: B });
      const summary = await store.summarizeUsage(A);
      expect(summary).toMatchObject({
        calls: 3,
        cachedCalls: 1,
        inputTokens: 450,
        cachedInputTokens: 225,
        outputTokens: 45,
      });
      expect(summary.costUsd).toBeCloseTo(0.45);
      expect(summary.byTask['agent.act']).toMatchObject({
        calls: 2,
        inputTokens: 400,
        cachedInputTokens: 200,
        outputTokens: 40,
      });
      expect(summary.byTask['factory.plan'].costUsd).toBeCloseTo(0.05);
      const j1 = await store.summarizeUsage(A, { jobId: 'j1' });
      expect(Object.keys(j1.byTask)).toEqual(['agent.act']);
      expect(j1.calls).toBe(2);
      expect(await store.summarizeUsage('T-empty')).toEqual({
        calls: 0,
        cachedCalls: 0,
        inputTokens: 0,
        cachedInputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        byTask: {},
      });
    });

    it('sets, overwrites and deletes tenant values', async () => {
      const store = get();
      expect(await store.getValue(A, 'budget')).toBeUndefined();
      await store.setValue(A, 'budget', { usd: 5 });
      await store.setValue(A, 'budget', { usd: 7 });
      await store.setValue(A, 'flag', false);
      await store.setValue(B, 'budget', { usd: 1 });
      expect(await store.getValue(A, 'budget')).toEqual({ usd: 7 });
      expect(await store.getValue(A, 'flag')).toBe(false);
      await store.deleteValue(A, 'budget');
      expect(await store.getValue(A, 'budget')).toBeUndefined();
      expect(await store.getValue(B, 'budget')).toEqual({ usd: 1 });
      await store.deleteValue(A, 'never-set');
    });
  });
}

export function registerIsolationTests(get: () => Store): void {
  describe('tenant isolation', () => {
    it('one tenant cannot read or change another tenant’s panel', async () => {
      const store = get();
      await store.ensureTenant({ id: A, platform: 'slack' });
      await store.ensureTenant({ id: B, platform: 'discord' });
      const panel = await store.createPanel(A, { name: 'secret', description: 'A only' });
      const [ada] = await store.addPersonas(A, panel.id, [persona('Ada')]);
      const world = await store.seatPanel(A, 'C1', panel.id);
      await store.appendEvents(A, world.id, [talk('Ada', 'private')]);
      const job = await store.createJob({ tenantId: A, kind: 'k', input: {}, conversation: {} });
      await store.recordPost({ tenantId: A, idempotencyKey: 'k', channelKey: 'C1', body: {} });

      // Reads
      expect(await store.getPanel(B, 'secret')).toBeUndefined();
      expect(await store.getPanelById(B, panel.id)).toBeUndefined();
      expect(await store.listPanels(B)).toEqual([]);
      expect(await store.listPersonas(B, panel.id)).toEqual([]);
      expect(await store.listPersonaNames(B)).toEqual([]);
      expect(await store.getWorld(B, 'C1')).toBeUndefined();
      expect(await store.listEvents(B, world.id)).toEqual([]);
      expect(await store.getJob(B, job.id)).toBeUndefined();
      expect(await store.listJobs(B)).toEqual([]);
      expect(await store.findPost(B, 'k')).toBeUndefined();
      expect(await store.listPosts(B, 'C1')).toEqual([]);

      // Writes
      await expect(store.updatePanel(B, panel.id, { description: 'hacked' })).rejects.toMatchObject({
        code: 'panel.not_found',
      });
      expect(await store.deletePanel(B, 'secret')).toBe(false);
      await expect(store.addPersonas(B, panel.id, [persona('Eve')])).rejects.toMatchObject({ code: 'panel.not_found' });
      await expect(store.savePersonaState(B, ada.id, { hacked: true })).rejects.toMatchObject({
        code: 'persona.not_found',
      });
      await expect(store.seatPanel(B, 'C9', panel.id)).rejects.toMatchObject({ code: 'panel.not_found' });
      await expect(store.saveWorldState(B, world.id, { hacked: true })).rejects.toMatchObject({
        code: 'world.not_found',
      });
      await expect(store.appendEvents(B, world.id, [talk('Eve', 'injected')])).rejects.toMatchObject({
        code: 'world.not_found',
      });
      await expect(store.updateJob(B, job.id, { status: 'cancelled' })).rejects.toMatchObject({
        code: 'job.not_found',
      });

      // A's data is untouched, and B may reuse the same names.
      expect(await store.getPanel(A, 'secret')).toEqual(panel);
      expect((await store.listPersonas(A, panel.id))[0].state).toBeUndefined();
      expect((await store.getWorld(A, 'C1'))!.state).toBeUndefined();
      expect((await store.listEvents(A, world.id)).map((e) => e.content)).toEqual(['private']);
      expect((await store.getJob(A, job.id))!.status).toBe('queued');
      expect((await store.createPanel(B, { name: 'secret', description: 'B' })).tenantId).toBe(B);
      expect(await store.listPanels(A)).toHaveLength(1);
    });
  });
}
