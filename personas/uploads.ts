import JSZip from 'jszip';
import type { Demography } from '../engine/factory/schemas.js';
import { UserInputError } from '../engine/errors.js';
import { parseDemographyText } from './demography.js';
import { MAX_JSON_BYTES } from './json-limits.js';
import {
  type LoadFailure,
  type PersonaFileContent,
  isAgentFileName,
  isFragmentFileName,
  parsePersonaText,
} from './loader.js';

/** One uploaded file: its name and bytes, whatever the platform it came from. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** Most files one upload (a zip or several files) may hold. */
export const MAX_UPLOAD_FILES = 200;
/** Most bytes one zip may unpack to (checked from its directory before anything is inflated). */
export const MAX_UNZIPPED_BYTES = 50_000_000;

/** What an upload held: persona files, demography documents, and the files refused (each with its reason). */
export interface UploadContents {
  personas: PersonaFileContent[];
  demographies: { source: string; document: Demography }[];
  failures: LoadFailure[];
  /** Files skipped as not persona files (a README in a zip). */
  ignored: string[];
}

const isZip = (file: UploadedFile) =>
  /\.zip$/i.test(file.name) || (file.bytes[0] === 0x50 && file.bytes[1] === 0x4b && file.bytes[2] === 0x03);

/** `__MACOSX/…`, `.DS_Store` and the like: archive noise, not the user's files. */
const isNoise = (name: string) => /(^|\/)(__MACOSX|\.DS_Store|\._)/.test(name);

async function unzip(file: UploadedFile): Promise<UploadedFile[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file.bytes);
  } catch (error) {
    throw new UserInputError(
      'upload.zip',
      `${file.name} is not a readable zip: ${(error as Error).message}.`,
      '/panel add (attach a .zip of .agent.json files)',
    );
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir && !isNoise(entry.name));
  if (entries.length > MAX_UPLOAD_FILES)
    throw new UserInputError(
      'upload.too_many',
      `${file.name} holds ${entries.length} files; at most ${MAX_UPLOAD_FILES} are read from one upload.`,
      '/panel add (attach a smaller zip)',
    );
  // JSZip keeps each entry's declared size from the central directory; refuse a bomb before inflating it.
  const declared = entries.reduce(
    (sum, entry) =>
      sum + Number((entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0),
    0,
  );
  if (declared > MAX_UNZIPPED_BYTES)
    throw new UserInputError(
      'upload.too_large',
      `${file.name} unpacks to ${(declared / 1e6).toFixed(0)} MB; at most ${MAX_UNZIPPED_BYTES / 1e6} MB are read.`,
      '/panel add (attach a smaller zip)',
    );
  const files: UploadedFile[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name)))
    files.push({ name: `${file.name}/${entry.name}`, bytes: await entry.async('uint8array') });
  return files;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an upload: `.agent.json` and `.fragment.json` files, zips of them (one level), and
 * TinyTroupe demography documents (other `.json` files with a `title` and `content`). A bad file is
 * reported with its name and reason and the rest are read, like a folder load.
 *
 * @example
 *   const { personas, failures } = await readUploads([{ name: 'Lisa.agent.json', bytes }]);
 */
export async function readUploads(files: readonly UploadedFile[]): Promise<UploadContents> {
  const contents: UploadContents = { personas: [], demographies: [], failures: [], ignored: [] };
  const flat: UploadedFile[] = [];
  for (const file of files) {
    if (!isZip(file)) flat.push(file);
    else
      try {
        flat.push(...(await unzip(file)));
      } catch (error) {
        if (!(error instanceof UserInputError)) throw error;
        contents.failures.push({ file: file.name, message: error.message });
      }
  }
  if (flat.length > MAX_UPLOAD_FILES)
    throw new UserInputError(
      'upload.too_many',
      `That is ${flat.length} files; at most ${MAX_UPLOAD_FILES} are read from one upload.`,
      '/panel add (attach fewer files)',
    );
  for (const file of flat) {
    const base = file.name.split('/').pop() ?? file.name;
    if (!/\.json$/i.test(base)) {
      contents.ignored.push(file.name);
      continue;
    }
    try {
      if (file.bytes.byteLength > MAX_JSON_BYTES)
        throw new UserInputError(
          'persona.too_large',
          `${base} is ${(file.bytes.byteLength / 1e6).toFixed(1)} MB; a persona file may be at most ${MAX_JSON_BYTES / 1e6} MB.`,
        );
      let text: string;
      try {
        text = decoder.decode(file.bytes);
      } catch {
        throw new UserInputError('persona.encoding', `${base} is not UTF-8 text; save it as UTF-8 JSON.`);
      }
      const looksLikePersona =
        isAgentFileName(base) || isFragmentFileName(base) || /"type"\s*:\s*"(TinyPerson|Fragment)"/.test(text);
      if (looksLikePersona) contents.personas.push(parsePersonaText(text, base));
      else contents.demographies.push({ source: base, document: parseDemographyText(text, base) });
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      contents.failures.push({ file: file.name, message: error.message });
    }
  }
  return contents;
}
