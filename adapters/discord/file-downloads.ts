import { PlatformError, UserInputError } from '../../engine/errors.js';
import { MAX_UNZIPPED_BYTES, MAX_UPLOAD_FILES, type UploadedFile } from '../../personas/uploads.js';

/** An attachment as Discord gives it (a slash command's `resolved.attachments` entry or a message's attachment). */
export interface DiscordAttachment {
  name: string;
  url: string;
  size?: number;
}

/** Discord's CDN hosts, where attachments are served from. */
const CDN_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

/** True when a message that mentions the bot asks it to read its attachments (`panel add`). */
export function isDiscordUploadCommand(text: string): boolean {
  return /^\s*\/?(panel\s+add|fidelity)\b/i.test(text);
}

/** Attachments are fetched only from Discord's CDN (https) or the configured API origin (a test fake). */
function trustedHost(url: URL, apiUrl: string | undefined): boolean {
  if (url.protocol === 'https:' && CDN_HOSTS.has(url.hostname)) return true;
  if (!apiUrl) return false;
  return url.origin === new URL(apiUrl).origin;
}

const tooLarge = (name: string, size: number) =>
  new UserInputError(
    'upload.too_large',
    `${name} is ${(size / 1e6).toFixed(0)} MB; files up to ${MAX_UNZIPPED_BYTES / 1e6} MB are read.`,
    '/panel add file:Lisa.agent.json (attach a smaller file)',
  );

/**
 * Downloads the attachments of a Discord `/panel add` (the `file` option or a mention's attachments)
 * for the command service. Only Discord's CDN hosts (or the configured `DISCORD_API_URL` origin) are
 * fetched, no token is sent (attachment URLs are signed), and sizes are checked before and while reading.
 *
 * @example
 *   const files = await downloadDiscordAttachments([{ name: 'Lisa.agent.json', url, size: 2048 }], apiUrl);
 */
export async function downloadDiscordAttachments(
  attachments: readonly DiscordAttachment[],
  apiUrl?: string,
): Promise<UploadedFile[]> {
  if (attachments.length > MAX_UPLOAD_FILES)
    throw new UserInputError(
      'upload.too_many',
      `That is ${attachments.length} files; at most ${MAX_UPLOAD_FILES} are read at once.`,
      '/panel add (attach fewer files)',
    );
  const downloaded: UploadedFile[] = [];
  for (const attachment of attachments) {
    const name = attachment.name;
    if ((attachment.size ?? 0) > MAX_UNZIPPED_BYTES) throw tooLarge(name, attachment.size ?? 0);
    let url: URL;
    try {
      url = new URL(attachment.url);
    } catch {
      throw new PlatformError('discord.file', `Discord gave no valid download address for ${name}.`);
    }
    if (!trustedHost(url, apiUrl))
      throw new PlatformError(
        'discord.file',
        `${name} is served from ${url.host}, not from Discord; it was not downloaded.`,
      );
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'error' });
    } catch (error) {
      throw new PlatformError(
        'discord.file',
        `Troupe could not download ${name} from Discord (${(error as Error).message}).`,
      );
    }
    if (!response.ok)
      throw new PlatformError('discord.file', `Discord did not let Troupe download ${name} (HTTP ${response.status}).`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_UNZIPPED_BYTES) throw tooLarge(name, declared);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_UNZIPPED_BYTES) throw tooLarge(name, bytes.byteLength);
    downloaded.push({ name, bytes });
  }
  return downloaded;
}
