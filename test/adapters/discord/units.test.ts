import { describe, expect, it } from 'vitest';
import {
  applicationCommands,
  BOT_PERMISSIONS,
  escapeMentions,
  inviteUrl,
  nonceOf,
  parseButtonId,
  renderMessage,
  slashText,
  webhookUsername,
} from '../../../adapters/discord/index.js';
import { modalText } from '../../../adapters/discord/inbound.js';
import { CommandParser } from '../../../commands/grammar/parse.js';
import { commandSpecs } from '../../../commands/grammar/specs.js';
import { loadConfig } from '../../../config.js';

const parser = new CommandParser({ maxPanelSize: 50, maxRounds: 10 });

describe('Discord adapter pieces', () => {
  it("writes /intervene add back as the grammar's /intervene, and its list and remove as themselves", () => {
    const when = new Map<string, string | number | boolean>([
      ['when', 'price only'],
      ['then', 'think of quality'],
    ]);
    expect(slashText({ command: 'intervene', subcommand: 'add', options: when })).toBe(
      '/intervene when "price only" then "think of quality"',
    );
    expect(slashText({ command: 'intervene', subcommand: 'remove', options: new Map([['n', '2']]) })).toBe(
      '/intervene remove 2',
    );
  });

  it('every grammar command has an application command (or subcommand), so the two cannot drift', () => {
    const commands = applicationCommands({ maxPanelSize: 50 });
    const registered = new Set(
      commands.flatMap((command) =>
        command.options.some((option) => option.type === 1)
          ? command.options.map((option) => `${command.name} ${option.name}`)
          : [command.name],
      ),
    );
    for (const spec of commandSpecs()) {
      const words = spec.words.join(' ');
      if (words === 'poll compare' || words === 'poll close') continue; // a choice of /poll kind
      // The bare /intervene is the `add` subcommand beside `list` and `remove`; the bare /fidelity is `run`.
      const bare: Record<string, string> = { intervene: 'intervene add', fidelity: 'fidelity run' };
      expect(registered.has(bare[words] ?? words), words).toBe(true);
    }
    for (const command of commands) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      const leaves = command.options.some((option) => option.type === 1)
        ? command.options.flatMap((option) => option.options ?? [])
        : command.options;
      expect(leaves.length).toBeLessThanOrEqual(25);
      for (const option of leaves) expect(option.name).toMatch(/^[a-z0-9_-]{1,32}$/);
    }
  });

  it('a used slash command becomes a command line the shared parser accepts', () => {
    const cases: [Parameters<typeof slashText>[0], string][] = [
      [
        {
          command: 'panel',
          subcommand: 'create',
          options: new Map<string, string | number | boolean>([
            ['count', 5],
            ['description', 'US "young" parents'],
            ['name', 'us-parents'],
          ]),
        },
        'panel.create',
      ],
      [
        {
          command: 'poll',
          options: new Map([
            ['kind', 'choice'],
            ['question', 'Which?'],
            ['options', '"Nova" "Orbit"'],
          ]),
        },
        'poll',
      ],
      [{ command: 'poll', options: new Map([['kind', 'compare']]) }, 'poll.compare'],
      [
        {
          command: 'intervene',
          subcommand: 'add',
          options: new Map([
            ['when', 'price only'],
            ['then', 'think of quality'],
          ]),
        },
        'intervene',
      ],
      [
        {
          command: 'export',
          options: new Map<string, string | boolean>([
            ['format', 'docx'],
            ['all', true],
          ]),
        },
        'export',
      ],
      [
        {
          command: 'brainstorm',
          options: new Map<string, string | number | boolean>([
            ['topic', 'apps'],
            ['rounds', 2],
            ['diverge', true],
          ]),
        },
        'brainstorm',
      ],
    ];
    for (const [input, name] of cases) expect(parser.parse(slashText(input)).name).toBe(name);
    const create = parser.parse(slashText(cases[0][0]));
    expect(create).toMatchObject({ count: 5, description: 'US "young" parents', panelName: 'us-parents' });
    expect(parser.parse(slashText(cases[1][0]))).toMatchObject({ options: ['Nova', 'Orbit'] });
  });

  it('modal fields become command lines', () => {
    expect(parser.parse(modalText('ask', new Map([['question', 'Why "now"?']]))!)).toMatchObject({
      question: 'Why "now"?',
    });
    const poll = parser.parse(
      modalText(
        'poll',
        new Map([
          ['kind', 'choice'],
          ['question', 'Which?'],
          ['options', 'A\nB'],
        ]),
      )!,
    );
    expect(poll).toMatchObject({ name: 'poll', kind: 'choice', options: ['A', 'B'] });
  });

  it('text can never ping: mentions are escaped and allowed_mentions is empty', () => {
    expect(escapeMentions('@everyone @here <@123> <@!4> <@&5>')).toBe(
      '@\u2060everyone @\u2060here <@\u200b123> <@\u200b!4> <@\u200b&5>',
    );
    const body = renderMessage({
      kind: 'text',
      text: 'hi @everyone',
      blocks: [{ kind: 'fields', fields: [{ label: '@here', value: '<@1>' }] }],
    });
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body)).not.toMatch(/@everyone|@here|<@1>/);
  });

  it('button ids round-trip; nonces fit Discord (≤ 25 characters) and are stable per key; webhook names are legal', () => {
    expect(parseButtonId('troupe:confirm:a1b2')).toEqual({ id: 'confirm', value: 'a1b2' });
    expect(parseButtonId('troupe:ask:')).toEqual({ id: 'ask' });
    expect(parseButtonId('other')).toBeUndefined();
    expect(nonceOf('job:1:answer:Ada:1:0')).toHaveLength(25);
    expect(nonceOf('job:1:answer:Ada:1:0')).toBe(nonceOf('job:1:answer:Ada:1:0'));
    expect(nonceOf('job:1:answer:Ada:1:0')).not.toBe(nonceOf('job:1:answer:Bo:1:0'));
    expect(webhookUsername('Discord Fan Clyde')).not.toMatch(/discord|clyde/i);
    expect(webhookUsername('x'.repeat(100))).toHaveLength(80);
  });

  it('the invite URL asks for exactly the eight permissions Troupe needs', () => {
    expect(BOT_PERMISSIONS).toBe(311922116608n);
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.searchParams.get('permissions')).toBe('311922116608');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
  });

  it('config reads the DISCORD_* variables and never echoes the token', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abc.def',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_MESSAGE_CONTENT: 'OFF',
    });
    expect(config.discord).toEqual({
      token: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abc.def',
      applicationId: '123456789012345678',
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:9/api',
      messageContent: false,
    });
    const message = (() => {
      try {
        loadConfig({ DISCORD_APPLICATION_ID: 'my-app', DISCORD_TOKEN: 'short secret' });
        return 'accepted';
      } catch (error) {
        return String(error);
      }
    })();
    expect(message).toMatch(/DISCORD_APPLICATION_ID must be a Discord application id/);
    expect(message).toMatch(/DISCORD_TOKEN must be a Discord bot token/);
    expect(message).not.toContain('short secret');
  });
});
