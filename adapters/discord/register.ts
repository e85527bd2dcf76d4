import { REST, Routes } from 'discord.js';
import { applicationCommands, type ApplicationCommand } from './command-definitions.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Guild-scoped registration (instant; for one server) when set, global otherwise (may take up to an hour). */
  guildId?: string;
  apiUrl?: string;
  maxPanelSize: number;
}

/**
 * Registers Troupe's application commands (built from the chat grammar) with one bulk overwrite:
 * `PUT /applications/{app}/guilds/{guild}/commands` with a guild id, `PUT /applications/{app}/commands` without.
 * Re-running it replaces the set, so it is safe after every upgrade.
 *
 * @example
 *   await registerCommands({ token, applicationId, guildId: '123', maxPanelSize: 50 });
 */
export async function registerCommands(options: RegisterOptions): Promise<ApplicationCommand[]> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const body = applicationCommands({ maxPanelSize: options.maxPanelSize });
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  return (await rest.put(route, { body })) as ApplicationCommand[];
}
