import type { WebClient } from '@slack/web-api';
import { PlatformError, UserInputError } from '../../engine/errors.js';
import { MAX_UPLOAD_FILES, MAX_UNZIPPED_BYTES, type UploadedFile } from '../../personas/uploads.js';

/** A file as a Slack `file_share` message or `app_mention` event carries it. */
export interface SlackSharedFile {
  id: string;
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** True when a message with files is asking Troupe to read them (`panel add`, `panel create … --demography`). */
export function isUploadCommand(text: string): boolean {
  return /^\s*\/?(panel\s+(add|create)|fidelity)\b/i.test(text);
}

/** The bot token may go only to Slack itself (or the API host it was configured with, e.g. a test fake). */
function trustedHost(url: URL, apiUrl: string | undefined): boolean {
  if (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) return true;
  if (!apiUrl) return false;
  return url.origin === new URL(apiUrl).origin;
}

/**
 * Downloads the files of a Slack message for `/panel add`: each one looked up with `files.info`
 * (so a file the event only names still resolves), then fetched from its `url_private_download`
 * with the bot token — sent only to Slack's own hosts. Sizes are checked before downloading; an
 * HTML answer (Slack's sign-in page, when the app lacks `files:read`) is a clear platform error.
 *
 * @example
 *   const files = await downloadSlackFiles(client, 'xoxb-…', event.files);
 */
export async function downloadSlackFiles(
  client: WebClient,
  token: string,
  files: readonly SlackSharedFile[],
): Promise<UploadedFile[]> {
  if (files.length > MAX_UPLOAD_FILES)
    throw new UserInputError(
      'upload.too_many',
      `That is ${files.length} files; at most ${MAX_UPLOAD_FILES} are read at once.`,
      '/panel add (attach fewer files)',
    );
  const downloaded: UploadedFile[] = [];
  for (const shared of files) {
    let info: SlackSharedFile | undefined;
    try {
      info = (await client.files.info({ file: shared.id })).file as SlackSharedFile | undefined;
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      throw new PlatformError(
        'slack.file',
        `Slack could not give Troupe ${shared.name ?? shared.id} (files.info: ${code}).`,
      );
    }
    const file = { ...shared, ...info };
    const name = file.name ?? file.id;
    if ((file.size ?? 0) > MAX_UNZIPPED_BYTES)
      throw new UserInputError(
        'upload.too_large',
        `${name} is ${((file.size ?? 0) / 1e6).toFixed(0)} MB; files up to ${MAX_UNZIPPED_BYTES / 1e6} MB are read.`,
        '/panel add (attach a smaller file)',
      );
    const address = file.url_private_download ?? file.url_private;
    if (!address) throw new PlatformError('slack.file', `Slack gave no download address for ${name}.`);
    const url = new URL(address);
    if (!trustedHost(url, client.slackApiUrl))
      throw new PlatformError(
        'slack.file',
        `${name} is served from ${url.host}, not from Slack; it was not downloaded.`,
      );
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok || /text\/html/i.test(response.headers.get('content-type') ?? ''))
      throw new PlatformError(
        'slack.file',
        `Slack did not let Troupe read ${name} (HTTP ${response.status}); the app needs the files:read scope — reinstall it from the manifest.`,
      );
    downloaded.push({ name, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  return downloaded;
}
