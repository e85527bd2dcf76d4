import { z } from 'zod';
import { PlatformError, UserInputError } from '../../engine/errors.js';
import { MAX_UNZIPPED_BYTES, MAX_UPLOAD_FILES, type UploadedFile } from '../../personas/uploads.js';

/** The attachment a 1:1 chat file arrives as; its `content.downloadUrl` is pre-authenticated. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** One inbound attachment, as much of it as Troupe reads. */
export const inboundAttachmentSchema = z
  .object({
    contentType: z.string(),
    name: z.string().optional(),
    contentUrl: z.string().optional(),
    content: z.unknown().optional(),
  })
  .passthrough();
export type InboundAttachment = z.infer<typeof inboundAttachmentSchema>;

const downloadInfoSchema = z.object({ downloadUrl: z.string() }).passthrough();

/** An attached file Troupe can download: its name and where it is. */
export interface TeamsFileRef {
  name: string;
  url: string;
}

/** True when a message with files is asking Troupe to read them (`panel add`, `panel create … --demography`). */
export function isTeamsUploadCommand(text: string): boolean {
  return /^\s*\/?(panel\s+(add|create)|fidelity)\b/i.test(text);
}

/**
 * The files among a message's attachments: `file.download.info` attachments (by their
 * `content.downloadUrl`) and other attachments with a `contentUrl`; cards and HTML bodies without
 * an address are not files.
 */
export function attachedFiles(attachments: readonly InboundAttachment[]): TeamsFileRef[] {
  const files: TeamsFileRef[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const info =
      attachment.contentType === FILE_DOWNLOAD_INFO ? downloadInfoSchema.safeParse(attachment.content) : undefined;
    const url = info?.success ? info.data.downloadUrl : attachment.contentUrl;
    if (!url) continue;
    const name = (attachment.name ?? '').split(/[\\/]/).pop()?.trim() || `attachment-${index + 1}`;
    files.push({ name, url });
  }
  return files;
}

async function readLimited(response: Response, name: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new UserInputError(
      'upload.too_large',
      `${name} is larger than ${MAX_UNZIPPED_BYTES / 1e6} MB; files up to ${MAX_UNZIPPED_BYTES / 1e6} MB are read.`,
      '@Troupe panel add (attach a smaller file)',
    );
  if (Number(response.headers.get('content-length') ?? 0) > MAX_UNZIPPED_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_UNZIPPED_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Downloads the files attached to a Teams message for `/panel add`. Teams' file addresses are
 * pre-authenticated, so no authorization header is ever sent (the bot's token never leaves for a
 * file host); only http(s) addresses are fetched, and each file is cut off at the upload size limit.
 *
 * @example
 *   const files = await downloadTeamsFiles(attachedFiles(activity.attachments ?? []));
 */
export async function downloadTeamsFiles(
  files: readonly TeamsFileRef[],
  fetcher: typeof fetch = fetch,
): Promise<UploadedFile[]> {
  if (files.length > MAX_UPLOAD_FILES)
    throw new UserInputError(
      'upload.too_many',
      `That is ${files.length} files; at most ${MAX_UPLOAD_FILES} are read at once.`,
      '@Troupe panel add (attach fewer files)',
    );
  const downloaded: UploadedFile[] = [];
  for (const file of files) {
    let url: URL;
    try {
      url = new URL(file.url);
    } catch {
      throw new PlatformError('teams.file', `Teams gave no usable download address for ${file.name}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new PlatformError('teams.file', `${file.name} is not at an http(s) address; it was not downloaded.`);
    let response: Response;
    try {
      response = await fetcher(url, { redirect: 'follow' });
    } catch (error) {
      throw new PlatformError('teams.file', `Troupe could not download ${file.name}: ${(error as Error).message}.`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PlatformError(
        'teams.file',
        `Teams did not let Troupe download ${file.name} (HTTP ${response.status}); attach it again (download links expire).`,
      );
    }
    downloaded.push({ name: file.name, bytes: await readLimited(response, file.name) });
  }
  return downloaded;
}
