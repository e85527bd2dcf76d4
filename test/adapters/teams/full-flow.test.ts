import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireJson } from '../../fakes/bot-connector.js';
import { CHANNEL, cardOf, chain, Harness, offlineModel, said, tempStore } from './harness.js';

const TENANT = 'teams:tenant-a';
const PUBLIC_URL = 'https://troupe.example.test';
const json = (value: unknown) => JSON.stringify(value);

describe('Teams full flow on the offline model (real Teams SDK, fake connector + JWKS, SQLite store)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  let names: string[] = [];
  let panelCardId = '';
  let firstChain = '';
  const local = (url: string) => url.replace(PUBLIC_URL, `http://127.0.0.1:${harness.teams.port}`);

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store, model: offlineModel(), overrides: { publicUrl: PUBLIC_URL } });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('@Troupe panel create: acknowledged at once, then a progress card updated in place and the panel card, posted proactively', async () => {
    const sent = await harness.mention('panel create 3 US parents of toddlers');
    expect(sent.status).toBe(200);
    const atAck = harness.connector.calls.length;
    await harness.idle();
    expect(harness.connector.calls.length).toBeGreaterThan(atAck);
    const panels = await harness.store.listPanels(TENANT);
    expect(panels).toHaveLength(1);
    names = (await harness.store.listPersonas(TENANT, panels[0].id)).map((persona) => persona.name);
    expect(names).toHaveLength(3);

    const sends = harness.connector.accepted('send');
    const progress = sends.find((call) => String(call.body.summary).includes('Creating panel'))!;
    expect(progress.conversationId).toBe(CHANNEL);
    const updates = harness.connector.accepted('update');
    // Progress updates are coalesced (one per few seconds, #24): a quick job's card gets at least the final one.
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(updates.map((call) => call.activityId))).toEqual(new Set([progress.result!.id]));
    expect(String(updates.at(-1)!.body.summary)).toContain('✅');

    const card = sends.find((call) => json(cardOf(call.body)).includes('Synthetic panel'))!;
    panelCardId = card.result!.id;
    const content = cardOf(card.body)!;
    expect(content.type).toBe('AdaptiveCard');
    for (const name of names) expect(json(content)).toContain(name);
    const avatars = json(content.body).match(/"style":"Person"/g) ?? [];
    expect(avatars).toHaveLength(3);
    expect(json(content.body)).toContain(`${PUBLIC_URL}/avatars/`);
    expect(content.actions.map((action: WireJson) => action.title)).toEqual(['Ask', 'Poll', 'Summarize', 'Export']);
    const ask = content.actions[0];
    expect(ask.type).toBe('Action.ShowCard');
    expect(ask.card.body[0].type).toBe('Input.Text');
    expect(ask.card.actions[0]).toMatchObject({ type: 'Action.Submit', data: { troupe: 'ask' } });
    expect(content.actions[2]).toMatchObject({ type: 'Action.Submit', data: { troupe: 'summarize' } });
  });

  it('a question opens a new reply chain (POST v3/conversations) where each persona answers as a card with its own header', async () => {
    const before = harness.connector.accepted('create-conversation').length;
    await harness.mention('What would make you switch grocery apps?');
    await harness.idle();
    const created = harness.connector.accepted('create-conversation').slice(before);
    expect(created).toHaveLength(1);
    expect(created[0].body.channelData.channel.id).toBe(CHANNEL);
    expect(json(created[0].body.activity)).toContain('grocery apps');
    firstChain = created[0].result!.activityId;
    const answers = harness.personaPosts(chain(firstChain));
    const speakers = answers.map((held) => String(held.activity.summary).split(':')[0]);
    expect([...speakers].sort()).toEqual([...names].sort());
    for (const held of answers) {
      const card = cardOf(held.activity)!;
      const [header] = card.body;
      const name = String(held.activity.summary).split(':')[0];
      expect(header.columns[0].items[0]).toMatchObject({ type: 'Image', style: 'Person', altText: name });
      expect(header.columns[1].items[0]).toMatchObject({ type: 'TextBlock', weight: 'Bolder' });
      expect(header.columns[1].items[0].text).toBe(name.replace(/([\\`*_[\]<>#|~])/g, '\\$1'));
      expect(card.body.at(-1)).toMatchObject({ size: 'Small', isSubtle: true });
      expect(card.body.at(-1).text.toLowerCase()).toContain('synthetic persona');
      expect(card.speak).toBe(held.activity.summary);
    }
    const headers = new Set(answers.map((held) => json(cardOf(held.activity)!.body[0])));
    expect(headers.size).toBe(names.length);
    const records = (await harness.store.listPosts(TENANT, CHANNEL, firstChain)).filter((record) => record.speaker);
    expect(answers.map((held) => said(held.activity))).toEqual(
      records.map((record) => `${record.speaker}: ${record.body.text}`),
    );
    for (const held of answers)
      expect(said(held.activity).startsWith(String(held.activity.summary).replace(/…$/, ''))).toBe(true);
  });

  it('serves persona avatars as PNG for the cards, per tenant', async () => {
    const url = harness.personaPosts(chain(firstChain))[0];
    const image = cardOf(url.activity)!.body[0].columns[0].items[0].url as string;
    const response = await fetch(local(image));
    expect(response.status).toBe(200);
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await fetch(local(image).replace('tenant-a', 'tenant-b'))).status).toBe(404);
  });

  it('a duplicate delivery of the same activity is handled once', async () => {
    const activity = harness.activity('<at>Troupe</at> Is organic food worth the price?');
    const before = harness.connector.accepted('create-conversation').length;
    expect((await harness.post(activity)).status).toBe(200);
    expect((await harness.post(activity)).status).toBe(200);
    await harness.idle();
    const created = harness.connector.accepted('create-conversation').slice(before);
    expect(created.filter((call) => json(call.body).includes('organic food'))).toHaveLength(1);
  });

  it('a reply in the chain is a follow-up the panel answers there; naming a persona asks only that persona', async () => {
    const before = harness.personaPosts(chain(firstChain)).length;
    await harness.mention('And what about the price of delivery?', { thread: firstChain });
    await harness.idle();
    const followUps = harness.personaPosts(chain(firstChain)).slice(before);
    expect(new Set(followUps.map((held) => String(held.activity.summary).split(':')[0]))).toEqual(new Set(names));
    const target = names[0];
    const mark = harness.personaPosts(chain(firstChain)).length;
    await harness.mention(`@${target} why do you say that?`, { thread: firstChain });
    await harness.idle();
    const addressed = harness.personaPosts(chain(firstChain)).slice(mark);
    expect(addressed.length).toBeGreaterThan(0);
    expect(new Set(addressed.map((held) => String(held.activity.summary).split(':')[0]))).toEqual(new Set([target]));
  });

  it('a poll in the chain posts its chart as a card image served by Troupe behind an unguessable token', async () => {
    const before = harness.connector.conversation(chain(firstChain)).length;
    await harness.mention('poll yesno "Would you pay $5 a month?"', { thread: firstChain });
    await harness.idle();
    const posted = harness.connector.conversation(chain(firstChain)).slice(before);
    const chart = posted.map((held) => cardOf(held.activity)).find((card) => card?.body?.[1]?.type === 'Image')!;
    const url = chart.body[1].url as string;
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/files/teams%3Atenant-a/[A-Za-z0-9_-]{43}/chart\\.png$`));
    const response = await fetch(local(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const forged = local(url).replace(/\/[A-Za-z0-9_-]{43}\//, `/${'A'.repeat(43)}/`);
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(local(url).replace('teams%3Atenant-a', 'teams%3Atenant-b'))).status).toBe(404);
  });

  it('summarize in the chain posts a summary labelled synthetic', async () => {
    const before = harness.connector.conversation(chain(firstChain)).length;
    await harness.mention('summarize', { thread: firstChain });
    await harness.idle();
    const posted = harness.connector.conversation(chain(firstChain)).slice(before);
    expect(posted.some((held) => json(cardOf(held.activity)).includes('Summary of a synthetic panel'))).toBe(true);
  });

  it('[Export] on the panel card posts a link that works with its token and not without', async () => {
    const submit = harness.activity(
      undefined,
      { thread: panelCardId },
      { value: { troupe: 'export' }, replyToId: panelCardId },
    );
    expect((await harness.post(submit)).status).toBe(200);
    await harness.idle();
    const link = harness.connector
      .accepted('send')
      .map((call) => cardOf(call.body))
      .filter((card) => card?.actions?.[0]?.type === 'Action.OpenUrl')
      .at(-1)!;
    const url = link.actions[0].url as string;
    expect(url.startsWith(`${PUBLIC_URL}/files/`)).toBe(true);
    const response = await fetch(local(url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('organic food');
    expect((await fetch(local(url).replace(/\/[A-Za-z0-9_-]{43}\//, '/'))).status).toBe(404);
  });

  it('the Ask form (Action.Submit with the typed text) asks the panel in a new reply chain', async () => {
    const before = harness.connector.accepted('create-conversation').length;
    const submit = harness.activity(
      undefined,
      { thread: panelCardId },
      { value: { troupe: 'ask', text: 'How do you plan meals for the week?' }, replyToId: panelCardId },
    );
    await harness.post(submit);
    await harness.idle();
    const created = harness.connector.accepted('create-conversation').slice(before);
    expect(created).toHaveLength(1);
    expect(json(created[0].body.activity)).toContain('plan meals');
    expect(harness.personaPosts(chain(created[0].result!.activityId)).length).toBe(names.length);
  });

  it('a 429 storm from the connector loses and reorders nothing: the queue waits Retry-After and resends', async () => {
    const limitedBefore = harness.teams.queue.rateLimitedCount;
    const spoken = async () => (await harness.store.listPosts(TENANT, CHANNEL, firstChain)).filter((r) => r.speaker);
    const recordedBefore = (await spoken()).length;
    const before = harness.personaPosts(chain(firstChain)).length;
    harness.connector.rateLimitNext('send', 4, 2);
    await harness.mention('Would a loyalty programme change your mind?', { thread: firstChain });
    await harness.idle();
    expect(harness.teams.queue.rateLimitedCount - limitedBefore).toBe(4);
    expect(harness.sleeps.filter((ms) => ms === 2000).length).toBeGreaterThanOrEqual(4);
    const delivered = harness.personaPosts(chain(firstChain)).slice(before);
    const spokenNow = (await spoken()).slice(recordedBefore);
    expect(spokenNow.length).toBe(names.length);
    expect(delivered.map((held) => said(held.activity))).toEqual(spokenNow.map((r) => `${r.speaker}: ${r.body.text}`));
    expect(delivered.map((held) => held.id)).toEqual(spokenNow.map((record) => record.platformId));
  });

  it('help and input errors go to the asker in a 1:1 chat, not the channel', async () => {
    const before = harness.connector.accepted('send').length;
    await harness.mention('poll maybe "What?"', { user: 'u7' });
    await harness.idle();
    const sent = harness.connector.accepted('send').slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((call) => call.conversationId === 'a:personal-29:u7')).toBe(true);
    expect(json(sent[0].body)).toContain('Example');
  });

  it('when Teams refuses the 1:1 chat, the error is posted in the conversation instead (not lost)', async () => {
    const before = harness.connector.accepted('send').length;
    harness.connector.rateLimitNext('create-conversation', 1, 1);
    await harness.mention('poll maybe "What?"', { user: 'u10', thread: firstChain });
    await harness.idle();
    const sent = harness.connector.accepted('send').slice(before);
    expect(sent.map((call) => call.conversationId)).toEqual([chain(firstChain)]);
    expect(json(sent[0].body)).toContain('Example');
  });

  it('a 1:1 chat needs no mention', async () => {
    const before = harness.connector.accepted('send').length;
    await harness.post(harness.activity('panel list', { personal: true, user: 'u8' }));
    await harness.idle();
    const sent = harness.connector.accepted('send').slice(before);
    expect(sent.map((call) => call.conversationId)).toContain('a:personal-u8');
    expect(json(sent)).toContain('us-parents-of');
  });

  it('two Microsoft 365 tenants are isolated: another tenant sees no panel of the first', async () => {
    const before = harness.connector.accepted('send').length;
    await harness.mention('panel list', { tenant: 'tenant-b', user: 'u9' });
    await harness.idle();
    expect(await harness.store.listPanels('teams:tenant-b')).toHaveLength(0);
    const sent = harness.connector.accepted('send').slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(json(sent)).not.toContain('us-parents-of');
    for (const name of names) expect(json(sent)).not.toContain(name);
    expect((await harness.store.listPanels(TENANT)).length).toBe(1);
  });
});
