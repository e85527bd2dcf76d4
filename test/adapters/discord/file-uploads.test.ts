import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationCommands } from '../../../adapters/discord/command-definitions.js';
import { downloadDiscordAttachments } from '../../../adapters/discord/file-downloads.js';
import { PlatformError } from '../../../engine/errors.js';
import type { FakeDiscordMessage } from '../../fakes/discord-server.js';
import { OWN_FORMAT_DIR } from '../../fixtures/tinytroupe.js';
import { DiscordHarness, tempStore } from './harness.js';

const TENANT = 'discord:100';
const POPULATION = path.join(OWN_FORMAT_DIR, 'population');
const agentFile = (name: string) => readFile(path.join(POPULATION, name));

describe('Discord: files attached to /panel add go in (real discord.js, fake Discord with its CDN, SQLite)', () => {
  let harness: DiscordHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await DiscordHarness.start({ store: temp.store });
    await harness.panel('create', { count: 1, description: 'US parents', name: 'parents' });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  const personas = async () =>
    harness.store.listPersonas(TENANT, (await harness.store.getPanel(TENANT, 'parents'))!.id);
  /**
   * `/panel add` with its `file` attachment option, as Discord sends it (the file in
   * `resolved.attachments`); returns the text of what Troupe answered (the edited placeholder or an ephemeral follow-up).
   */
  const addWithFile = async (file: FakeDiscordMessage['attachments'][number]) => {
    const before = harness.discord.messages.length;
    const payload = harness.discord.interaction({
      type: 2,
      guildId: '100',
      channelId: '110',
      data: {
        id: '1',
        name: 'panel',
        type: 1,
        options: [{ name: 'add', type: 1, options: [{ name: 'file', type: 11, value: file.id }] }],
      },
      attachments: [file],
    });
    await harness.settleInteraction(String(payload.id));
    return harness.discord.messages
      .slice(before)
      .map((message) =>
        [message.content, ...(message.embeds as { description?: string }[]).map((embed) => embed.description)].join(
          ' ',
        ),
      )
      .join('\n');
  };

  it('registers /panel add with an optional attachment option next to the grammar-derived ones', () => {
    const panel = applicationCommands({ maxPanelSize: 20 }).find((command) => command.name === 'panel')!;
    const add = panel.options.find((option) => option.name === 'add')!;
    expect(add.options?.find((option) => option.name === 'file')).toMatchObject({ type: 11, required: false });
    expect(add.options?.find((option) => option.name === 'persona')).toMatchObject({ type: 3, required: false });
    expect(add.options?.find((option) => option.name === 'panel')).toMatchObject({ type: 3, autocomplete: true });
  });

  it('a TinyTroupe agent file attached to /panel add is downloaded from the attachment URL and joins the panel', async () => {
    const bytes = await agentFile('Ingrid Bakke.agent.json');
    const file = harness.discord.attach('Ingrid Bakke.agent.json', new Uint8Array(bytes));
    const reply = await addWithFile(file);
    expect(harness.discord.downloads).toContain(file.id);
    const ingrid = (await personas()).find((persona) => persona.name === 'Ingrid Bakke');
    expect(ingrid?.spec).toEqual(JSON.parse(bytes.toString('utf8')).persona);
    expect(reply).toContain('Added 1 persona to panel "parents": Ingrid Bakke');
  });

  it('a bad agent file gets a clear error naming the file and field, and nothing is added', async () => {
    const before = (await personas()).length;
    const file = harness.discord.attach(
      'Broken Age.agent.json',
      new Uint8Array(await agentFile('Broken Age.agent.json')),
    );
    const reply = await addWithFile(file);
    expect(reply).toContain('Nothing was added to panel "parents"');
    expect(reply).toContain('Broken Age.agent.json');
    expect(reply).toMatch(/age/);
    expect(await personas()).toHaveLength(before);
  });

  it('/fidelity run with a survey CSV in its file option is downloaded and scored against the panel', async () => {
    const rows = ['respondent_id,Which job suits you?'];
    for (let i = 0; i < 10; i++) rows.push(`${i + 1},${i < 7 ? 'Teacher' : 'Nurse'}`);
    const file = harness.discord.attach('survey.csv', new TextEncoder().encode(rows.join('\n')));
    const before = harness.discord.messages.length;
    const payload = harness.discord.interaction({
      type: 2,
      guildId: '100',
      channelId: '110',
      data: {
        id: '1',
        name: 'fidelity',
        type: 1,
        options: [
          {
            name: 'run',
            type: 1,
            options: [
              { name: 'file', type: 11, value: file.id },
              { name: 'questions', type: 3, value: 'Which job suits you?' },
            ],
          },
        ],
      },
      attachments: [file],
    });
    await harness.settleInteraction(String(payload.id));
    await harness.bot.whenIdle();
    expect(harness.discord.downloads).toContain(file.id);
    const said = harness.discord.messages
      .slice(before)
      .map((message) => `${message.content ?? ''} ${JSON.stringify(message.embeds ?? [])}`)
      .join('\n');
    expect(said).toContain('Fidelity of panel parents against survey.csv (10 respondents, 1 questions, method direct)');
    expect(said).toMatch(/uniform-random answerer: mean JSD \d\.\d\d/);
    const panel = (await harness.store.getPanel(TENANT, 'parents'))!;
    expect((await harness.store.listFidelityReports(TENANT, panel.id)).map((report) => report.questions)).toEqual([1]);
  });

  it('a message mentioning the bot with "panel add" and an attachment adds the file too', async () => {
    const file = harness.discord.attach(
      'Wei Zhang.agent.json',
      new Uint8Array(await agentFile('Wei Zhang.agent.json')),
    );
    await harness.say({
      channelId: '110',
      content: `<@${harness.discord.botId}> panel add`,
      mentionsBot: true,
      attachments: [file],
    });
    expect(harness.discord.downloads).toContain(file.id);
    expect((await personas()).map((persona) => persona.name)).toContain('Wei Zhang');
  });

  it('refuses attachments served from anywhere but Discord’s CDN or the configured API origin, naming the file', async () => {
    const refused = downloadDiscordAttachments(
      [{ name: 'Lisa.agent.json', url: 'https://files.example.test/Lisa.agent.json', size: 10 }],
      harness.discord.apiUrl,
    );
    await expect(refused).rejects.toBeInstanceOf(PlatformError);
    await expect(refused).rejects.toThrow(/Lisa\.agent\.json is served from files\.example\.test, not from Discord/);
    await expect(
      downloadDiscordAttachments([
        { name: 'Huge.zip', url: 'https://cdn.discordapp.com/a/Huge.zip', size: 60_000_000 },
      ]),
    ).rejects.toThrow(/Huge\.zip is 60 MB/);
  });

  it('a missing attachment answers with an error naming the file', async () => {
    const file = {
      ...harness.discord.attach('Gone.agent.json', '{}'),
      url: `http://127.0.0.1:${harness.discord.port}/attachments/1/Gone.agent.json`,
    };
    const reply = await addWithFile(file);
    expect(reply).toContain('Gone.agent.json');
    expect(reply).toMatch(/HTTP 404/);
  });
});
