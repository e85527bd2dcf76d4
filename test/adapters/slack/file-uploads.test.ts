import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../../personas/index.js';
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, OWN_FORMAT_DIR, TINYTROUPE_DIR } from '../../fixtures/tinytroupe.js';
import { Harness, tempStore } from './harness.js';

const TENANT = 'slack:T0001';
const POPULATION = path.join(OWN_FORMAT_DIR, 'population');
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
const texts = (harness: Harness) => [
  ...harness.posts().map((call) => String(call.args.text ?? '')),
  ...harness.slack.callsOf('chat.postEphemeral').map((call) => String(call.args.text ?? '')),
];

describe('Slack: files shared with /panel add go in; /export tinytroupe comes out (real Bolt, fake Slack, SQLite)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  let ts = 0;
  const nextTs = () => `1800000100.${String(++ts).padStart(6, '0')}`;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
    await harness.command('/panel', 'create 2 US parents --name parents');
    await harness.idle();
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  const personas = async (tenant = TENANT, panel = 'parents') =>
    harness.store.listPersonas(tenant, (await harness.store.getPanel(tenant, panel))!.id);

  it('a real agent file shared with "/panel add" as its comment is downloaded with the bot token and added', async () => {
    const bytes = new Uint8Array(await readFile(path.join(POPULATION, 'Ingrid Bakke.agent.json')));
    const file = harness.slack.shareFile('Ingrid Bakke.agent.json', bytes);
    await harness.event({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'channel',
      user: 'U1',
      text: '/panel add',
      ts: nextTs(),
      channel: 'C1',
      files: [{ id: file.id, name: file.name }],
    });
    await harness.idle();
    expect(harness.slack.callsOf('files.info').map((call) => call.args.file)).toContain(file.id);
    expect(harness.slack.downloads).toContainEqual({ fileId: file.id, token: 'xoxb-test' });
    const ingrid = (await personas()).find((persona) => persona.name === 'Ingrid Bakke');
    expect(ingrid?.spec).toEqual(JSON.parse(new TextDecoder().decode(bytes)).persona);
    expect(texts(harness).some((text) => text.startsWith('Added 1 persona to panel "parents": Ingrid Bakke'))).toBe(
      true,
    );
  });

  it('a fragment and a bad file shared with a mention: the fragment merges, the bad file is named with its field', async () => {
    const fragment = harness.slack.shareFile(
      'bargain-hunter.agent.fragment.json',
      new Uint8Array(await readFile(path.join(POPULATION, 'bargain-hunter.agent.fragment.json'))),
    );
    const broken = harness.slack.shareFile(
      'Broken Age.agent.json',
      new Uint8Array(await readFile(path.join(POPULATION, 'Broken Age.agent.json'))),
    );
    await harness.event({
      type: 'app_mention',
      user: 'U1',
      text: `<@${harness.slack.botUserId}> panel add`,
      ts: nextTs(),
      channel: 'C1',
      files: [fragment, broken],
    });
    await harness.idle();
    for (const persona of await personas())
      expect(persona.spec.beliefs).toContain('A bargain is only a bargain if you needed the thing.');
    const reply = texts(harness).find((text) => text.includes('Merged bargain-hunter.agent.fragment.json'))!;
    expect(reply).toContain(
      'Broken Age.agent.json: persona.age should be a number or text, e.g. "age": 41; it is true',
    );
  });

  it('pasted JSON in a mention keeps every character (double spaces, em dashes, curly quotes)', async () => {
    const agent = {
      type: 'TinyPerson',
      persona: { name: 'Tove “Tofu” Lie', age: 33, style: 'Brisk — never  rude; says ‘ja’ --often.' },
    };
    await harness.mention(`panel add ${JSON.stringify(agent, null, 4)}`);
    await harness.idle();
    expect((await personas()).find((persona) => persona.name === 'Tove “Tofu” Lie')?.spec).toEqual(agent.persona);
  });

  it('the token goes only to Slack: an address elsewhere is refused; a failing files.info is a clear error', async () => {
    const share = async (name: string) => {
      const file = harness.slack.shareFile(name, new Uint8Array([123, 125]));
      await harness.event({
        type: 'message',
        subtype: 'file_share',
        user: 'U1',
        text: 'panel add',
        ts: nextTs(),
        channel: 'C1',
        files: [file],
      });
      await harness.idle();
      return file;
    };
    harness.slack.enqueue('files.info', {
      kind: 'ok',
      body: {
        ok: true,
        file: { id: 'F9', name: 'x.agent.json', url_private_download: 'https://evil.example.test/steal' },
      },
    });
    const first = await share('x.agent.json');
    expect(harness.slack.downloads.some((download) => download.fileId === first.id)).toBe(false);
    expect(texts(harness).at(-1)).toContain(
      'x.agent.json is served from evil.example.test, not from Slack; it was not downloaded.',
    );
    harness.slack.enqueue('files.info', { kind: 'error', error: 'file_not_found' });
    await share('gone.agent.json');
    expect(texts(harness).at(-1)).toContain(
      'Slack could not give Troupe gone.agent.json (files.info: file_not_found).',
    );
  });

  it('/export tinytroupe uploads a zip of agent files that another workspace imports with /panel add', async () => {
    await harness.command('/export', 'tinytroupe');
    await harness.idle();
    const complete = harness.slack.callsOf('files.completeUploadExternal').at(-1)!;
    const [uploaded] = json(complete.args.files) as unknown as { id: string; title: string }[];
    const zipBytes = new Uint8Array(harness.slack.uploads.get(uploaded.id)!);
    const zip = await JSZip.loadAsync(zipBytes);
    const names = (await personas()).map((persona) => `${persona.name}.agent.json`).sort();
    expect(Object.keys(zip.files).sort()).toEqual(names);
    const ingrid = parseAgentFile(JSON.parse(await zip.file('Ingrid Bakke.agent.json')!.async('string')));
    expect(ingrid.persona.beliefs).toContain('A bargain is only a bargain if you needed the thing.');

    await harness.command('/panel', 'create 1 nurses in Lagos --name lagos', { team: 'T0002' });
    await harness.idle();
    const shared = harness.slack.shareFile('parents.tinytroupe.zip', zipBytes, 'application/zip');
    await harness.event(
      {
        type: 'message',
        subtype: 'file_share',
        user: 'U9',
        text: '/panel add',
        ts: nextTs(),
        channel: 'C1',
        files: [shared],
      },
      { team: 'T0002' },
    );
    await harness.idle();
    const imported = await personas('slack:T0002', 'lagos');
    expect(imported.map((persona) => persona.name).sort()).toEqual(
      expect.arrayContaining(names.map((n) => n.replace(/\.agent\.json$/, ''))),
    );
    expect(imported.find((persona) => persona.name === 'Ingrid Bakke')?.spec).toEqual(ingrid.persona);
  });
});

describe.runIf(HAS_TINYTROUPE)(
  `Slack: TinyTroupe's own agent and fragment files through an upload and back ${NEEDS_TINYTROUPE}`,
  () => {
    it('Alan Merrick.agent.json and picky_customer.agent.fragment.json go in, and come out in the TinyTroupe export', async () => {
      const temp = await tempStore();
      const harness = await Harness.start({ store: temp.store });
      try {
        await harness.command('/panel', 'create 2 UK shoppers --name shoppers');
        await harness.idle();
        const read = (file: string) => readFile(path.join(TINYTROUPE_DIR, 'october-2025', file));
        const alanBytes = await read('difficult_people_2/Alan Merrick.agent.json');
        const alan = harness.slack.shareFile('Alan Merrick.agent.json', new Uint8Array(alanBytes));
        const picky = harness.slack.shareFile(
          'picky_customer.agent.fragment.json',
          new Uint8Array(await read('picky_customer.agent.fragment.json')),
        );
        await harness.event({
          type: 'message',
          subtype: 'file_share',
          user: 'U1',
          text: '/panel add',
          ts: '1800000200.000001',
          channel: 'C1',
          files: [alan, picky],
        });
        await harness.idle();
        await harness.command('/export', 'tinytroupe');
        await harness.idle();
        const complete = harness.slack.callsOf('files.completeUploadExternal').at(-1)!;
        const [uploaded] = json(complete.args.files) as unknown as { id: string }[];
        const zip = await JSZip.loadAsync(new Uint8Array(harness.slack.uploads.get(uploaded.id)!));
        const exported = parseAgentFile(JSON.parse(await zip.file('Alan Merrick.agent.json')!.async('string')));
        const original = JSON.parse(alanBytes.toString('utf8')).persona;
        expect(exported.persona.personality).toEqual(original.personality);
        expect(exported.persona.health).toEqual(original.health);
        expect(exported.persona.beliefs).toEqual(
          expect.arrayContaining([...original.beliefs, 'Everyone is trying to scam you, especially nice people.']),
        );
        expect(Object.keys(zip.files)).toHaveLength(3);
      } finally {
        await harness.stop();
        await temp.cleanup();
      }
    });
  },
);
