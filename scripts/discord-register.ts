import { inviteUrl, registerCommands } from '../adapters/discord/index.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../engine/errors.js';

/**
 * `npm run discord:register`: registers Troupe's slash commands (built from the chat grammar) for
 * DISCORD_GUILD_ID when set (instant), globally otherwise (Discord may take up to an hour).
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const { token, applicationId, guildId, apiUrl } = config.discord;
  if (!token || !applicationId)
    throw new ConfigError(
      'discord.config',
      'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server), e.g. DISCORD_APPLICATION_ID=123456789012345678',
    );
  const registered = await registerCommands({
    token,
    applicationId,
    guildId,
    apiUrl,
    maxPanelSize: config.troupe.maxPanelSize,
  });
  process.stdout.write(
    `Registered ${registered.length} commands (${registered.map((command) => `/${command.name}`).join(' ')}) ${guildId ? `in guild ${guildId}` : 'globally'}.\n`,
  );
  process.stdout.write(`Add the bot to a server with exactly the permissions it needs: ${inviteUrl(applicationId)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
