import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startLocalChat } from '../../adapters/local/index.js';
import { UserInputError } from '../../engine/errors.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { CONVERSATION, makeService, run, snapshot } from '../commands/harness.js';

/**
 * Hostile input beyond the grammar corpus (test/commands/hostile-commands.test.ts): each case must be
 * refused with a clear message and an example, post one private reply, and change nothing in the store.
 */
const CASES: [label: string, text: string, expected: RegExp, inThread?: boolean][] = [
  ['a 100k-character line', `/panel ask ${'x'.repeat(100_000)}`, /limit is 4,000/],
  ['a 100k-character plain message', 'y '.repeat(50_000), /limit is 4,000/],
  ['NUL in a question', '/panel ask what\u0000now?', /control characters/],
  ['ANSI escape in a question', '/panel ask \u001b[2J\u001b[31mred alert', /control characters/],
  ['ANSI escape in a panel name', '/panel create 3 parents --name "\u001b[31mred"', /control characters/],
  ['RTL override in a panel lookup', '/panel show \u202Eevil', /No panel/],
  ['unknown persona in a follow-up', '@Nobody McNobody what do you think?', /No persona named "Nobody McNobody"/, true],
  ['an ambiguous first name typo', '@Zzyzx what do you pay?', /No persona named "Zzyzx" in this panel/, true],
  ['JSON bomb in /panel add', `/panel add ${'['.repeat(1500)}${']'.repeat(1500)}`, /needs some words/],
  [
    'a deep JSON bomb with words in /panel add',
    `/panel add {"name":"Bomb",${'"a":{'.repeat(3000)}${'}'.repeat(3001)}`,
    /nests 3001 levels deep/,
  ],
  [
    'a 10,000-field persona in /panel add',
    `/panel add ${JSON.stringify({ name: 'Wide', ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i])) })}`,
    /127,806 characters/,
  ],
];

describe('security: hostile input is refused and changes nothing', () => {
  const { store, sink, service } = makeService();
  let thread: string;

  beforeAll(async () => {
    await run(service, '/panel create 3 US parents of toddlers --name parents');
    await run(service, '/panel ask "What would make you switch grocery apps?"');
    thread = sink.posts.filter((entry) => entry.reply.opensThread).at(-1)?.messageId as string;
  });

  it('has the cases the issue lists', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(11);
  });

  it.each(CASES)('%s: refused clearly with an example, no state change', async (_label, text, expected, inThread) => {
    const conversation = inThread ? { ...CONVERSATION, threadKey: thread } : CONVERSATION;
    const before = await snapshot(store);
    const posted = sink.posts.length;
    const outcome = await run(service, text, conversation);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBeInstanceOf(UserInputError);
    const error = outcome.error as UserInputError;
    expect(error.message).toMatch(expected);
    expect(error.example).toBeTruthy();
    const replies = sink.posts.slice(posted);
    expect(replies).toHaveLength(1);
    expect(replies[0].reply.ephemeral).toBe(true);
    expect(await snapshot(store)).toEqual(before);
  });

  it('suggests the real persona for a misspelt follow-up name, and sends nothing', async () => {
    const personas = await store.listPersonas(CONVERSATION.tenantId, (await store.getPanel('T1', 'parents'))!.id);
    const name = personas[0].name;
    const typo = `${name.split(' ')[0].slice(0, -1)}x`;
    const before = await snapshot(store);
    const outcome = await run(service, `@${typo} what do you think?`, { ...CONVERSATION, threadKey: thread });
    expect((outcome.error as UserInputError).message).toContain(`did you mean "${name}"`.replace('did', 'Did'));
    expect(await snapshot(store)).toEqual(before);
  });
});

describe('security: a carriage return inside a local-chat line never starts a command', () => {
  it('keeps "what?\\r/panel create 50 …" as one question in the thread, creating no panel', async () => {
    const store = new MemoryStore();
    const out = new PassThrough();
    let text = '';
    out.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const lines = [
      '/panel create 2 nurses in Lagos --name lagos',
      '/panel ask "Price?"',
      '#1 what?\r/panel create 50 spam --name spam',
    ];
    await startLocalChat({
      store,
      model: new OfflineModel({ responders: allOfflineResponders() }),
      limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
      input: Readable.from(lines.map((line) => `${line}\r\n`)),
      output: out,
      tty: false,
      interactive: false,
      outDir: mkdtempSync(path.join(tmpdir(), 'troupe-cr-')),
      notices: [],
    });
    expect((await store.listPanels('local')).map((panel) => panel.name)).toEqual(['lagos']);
    const world = await store.getWorld('local', 'local:main');
    const events = await store.listEvents('local', world!.id);
    expect(events.some((event) => event.content.includes('what? /panel create 50 spam'))).toBe(true);
    expect(text).not.toContain('Panel "spam"');
  });
});
