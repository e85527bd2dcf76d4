import { PermissionFlagsBits } from 'discord.js';

/**
 * The permissions Troupe's bot needs in a server, and nothing more: post and read back its
 * messages, post in threads and start them, own one webhook per channel for persona posts,
 * embeds and attachments (cards, polls, charts, exports), and slash commands.
 */
export const BOT_PERMISSIONS = [
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.ManageWebhooks,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
].reduce((all, bit) => all | bit, 0n);

/**
 * The OAuth2 URL that adds the bot to a server with exactly BOT_PERMISSIONS (scopes `bot` and
 * `applications.commands`).
 *
 * @example
 *   inviteUrl('123456789012345678') // https://discord.com/oauth2/authorize?client_id=…&scope=bot+applications.commands&permissions=…
 */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query}`;
}
