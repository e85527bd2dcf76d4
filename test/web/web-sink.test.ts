import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveHub } from '../../adapters/web/live-hub.js';
import type { WebEvent } from '../../adapters/web/web-message.js';
import { WebSink } from '../../adapters/web/web-sink.js';
import { WebTimeline } from '../../adapters/web/web-timeline.js';
import { PersonaAvatars } from '../../adapters/shared/persona-avatars.js';
import { IdempotentPoster } from '../../commands/jobs/poster.js';
import type { Conversation } from '../../commands/reply.js';
import type { Store } from '../../engine/store/ports.js';
import { openStore } from '../../prisma/index.js';

const here: Conversation = { tenantId: 'local', channelKey: 'web:main', userId: 'u-aaaaaaaaaaaa' };

describe('WebSink', () => {
  let dir: string;
  let store: Store;
  let timeline: WebTimeline;
  let hub: LiveHub;
  let sink: WebSink;
  const seen: { userId: string; event: WebEvent }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'troupe-web-sink-'));
    store = await openStore({ databaseUrl: `file:${path.join(dir, 'troupe.db')}` });
    await store.ensureTenant({ id: 'local', platform: 'local', name: 'local' });
    timeline = new WebTimeline(store);
    hub = new LiveHub();
    sink = new WebSink({ timeline, hub, avatars: new PersonaAvatars(store) });
    for (const userId of ['u-aaaaaaaaaaaa', 'u-bbbbbbbbbbbb'])
      hub.join({ tenantId: 'local', userId, send: (event) => seen.push({ userId, event }) });
    hub.join({
      tenantId: 'slack:T1',
      userId: 'u-aaaaaaaaaaaa',
      send: () => expect.fail('another tenant got an event'),
    });
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens a thread with the opener id as its key, and places replies in it', async () => {
    const opened = await sink.post(here, { kind: 'text', text: 'Why?', opensThread: true, placement: 'channel' });
    expect(opened.threadKey).toBe(opened.messageId);
    await sink.post(
      { ...here, threadKey: opened.threadKey },
      { kind: 'text', text: 'Because.', speaker: { kind: 'persona', name: 'Ada Obi', personaId: 'p1' } },
    );
    expect((await timeline.threads('local', 'web:main')).map((thread) => thread.title)).toEqual(['Why?']);
    const thread = await timeline.list('local', 'web:main', opened.threadKey);
    expect(thread.map((message) => message.text)).toEqual(['Because.']);
    expect(thread[0].speaker).toEqual({
      kind: 'persona',
      name: 'Ada Obi',
      personaId: 'p1',
      avatarUrl: '/avatars/p1.png',
    });
    // A fresh timeline (a restart) reads the same rows from the store.
    expect((await new WebTimeline(store).list('local', 'web:main', opened.threadKey)).map((m) => m.id)).toEqual([
      thread[0].id,
    ]);
  });

  it('edits a progress message in place', async () => {
    const first = await sink.post(here, { kind: 'progress', progressKey: 'job:1', text: 'Asking', done: 1, total: 3 });
    await sink.post(here, {
      kind: 'progress',
      progressKey: 'job:1',
      text: 'Asking',
      done: 3,
      total: 3,
      finished: true,
      editMessageId: first.messageId,
    });
    const rows = (await timeline.list('local', 'web:main')).filter((message) => message.kind === 'progress');
    expect(rows).toHaveLength(1);
    expect(rows[0].progress).toEqual({ done: 3, total: 3, finished: true });
  });

  it('sends ephemeral replies only to the person, and keeps none of them', async () => {
    seen.length = 0;
    await sink.post(here, { kind: 'text', text: 'Unknown command. Example: /help', ephemeral: true });
    expect(seen.map((entry) => entry.userId)).toEqual(['u-aaaaaaaaaaaa']);
    expect((await timeline.list('local', 'web:main')).some((message) => message.text.startsWith('Unknown'))).toBe(
      false,
    );
  });

  it('keeps every message when a job posts many at once', async () => {
    const opened = await sink.post(here, { kind: 'text', text: 'Many', opensThread: true });
    const there = { ...here, threadKey: opened.threadKey };
    await Promise.all(Array.from({ length: 25 }, (_, n) => sink.post(there, { kind: 'text', text: `answer ${n}` })));
    expect(new Set((await timeline.list('local', 'web:main', opened.threadKey)).map((m) => m.text)).size).toBe(25);
  });

  it('stores exports as blobs and finds delivered keys, so a resumed job posts nothing twice', async () => {
    const poster = new IdempotentPoster(store, sink);
    const file = {
      kind: 'file' as const,
      filename: 'export.md',
      mimeType: 'text/markdown',
      bytes: Buffer.from('# hi'),
    };
    const first = await poster.post(here, { ...file, idempotencyKey: 'job:9:export' });
    const message = (await timeline.list('local', 'web:main')).find((row) => row.id === first.messageId);
    expect(message?.file).toMatchObject({ filename: 'export.md', size: 4 });
    const blobId = message!.file!.url.split('/').pop()!;
    expect((await timeline.blob('local', blobId))?.bytes.toString()).toBe('# hi');
    expect(await timeline.blob('slack:T1', blobId)).toBeUndefined();

    // A crash between delivery and the PostStore's confirmation: the key is reserved, the page already has it.
    await sink.post(here, { kind: 'text', text: 'summary', idempotencyKey: 'job:9:summary' });
    await store.recordPost({ tenantId: 'local', idempotencyKey: 'job:9:summary', channelKey: 'web:main', body: {} });
    const before = (await timeline.list('local', 'web:main')).length;
    const again = await poster.post(here, { kind: 'text', text: 'summary', idempotencyKey: 'job:9:summary' });
    expect(again).toMatchObject({ skipped: true, recovered: true });
    expect((await timeline.list('local', 'web:main')).length).toBe(before);
    expect(await sink.findPosted(here, 'job:never')).toBeUndefined();
  });
});
