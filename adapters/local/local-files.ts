import { readFile, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { UserInputError } from '../../engine/errors.js';
import { MAX_UPLOAD_FILES, type UploadedFile } from '../../personas/uploads.js';

/** A line with the files it names read in: the local chat's stand-in for an upload. */
export interface LineWithFiles {
  text: string;
  files: UploadedFile[];
}

const PATH_LIKE = /^(\.{1,2}[\\/]|[\\/]|~[\\/])|\.(json|zip)$/i;

function expand(raw: string, cwd: string): string {
  const unquoted = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
  return path.resolve(cwd, unquoted.replace(/^~(?=[\\/])/, homedir()));
}

/** A file, or every `.json`/`.zip` file of a folder (not recursive), as uploads. */
async function readPath(raw: string, cwd: string): Promise<UploadedFile[]> {
  const full = expand(raw, cwd);
  const info = await stat(full).catch(() => undefined);
  if (!info)
    throw new UserInputError(
      'upload.not_found',
      `There is no file or folder at ${raw.trim()} (looked in ${full}).`,
      '/panel add ./personas/Lisa.agent.json',
    );
  if (info.isFile()) return [{ name: path.basename(full), bytes: new Uint8Array(await readFile(full)) }];
  const names = (await readdir(full)).filter((name) => /\.(json|zip)$/i.test(name)).sort();
  if (names.length > MAX_UPLOAD_FILES)
    throw new UserInputError(
      'upload.too_many',
      `${raw.trim()} holds ${names.length} persona files; at most ${MAX_UPLOAD_FILES} are read at once.`,
      '/panel add ./population',
    );
  return Promise.all(
    names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(full, name))) })),
  );
}

/**
 * In the local chat a path stands for an upload: `/panel add ./people/Lisa.agent.json`, a folder
 * (`/panel add ./population`) or a zip, and `/panel create 8 --demography ./norway.json`. The files
 * are read here, in the adapter, so commands never touch the file system; a path that does not
 * exist is an error rather than a description.
 *
 * @example
 *   await readLineFiles('/panel add ./Lisa.agent.json'); // { text: '/panel add', files: [{ name: 'Lisa.agent.json', … }] }
 */
export async function readLineFiles(text: string, cwd = process.cwd()): Promise<LineWithFiles> {
  const add = /^(\s*\/panel\s+add\s+)(.+?)(\s+--panel[=\s]+\S+)?\s*$/i.exec(text);
  if (add && !/^\s*[{`]/.test(add[2]) && PATH_LIKE.test(add[2].trim().replace(/^(["'])(.*)\1$/, '$2')))
    return { text: `${add[1].trimEnd()}${add[3] ?? ''}`, files: await readPath(add[2], cwd) };
  // `/fidelity ./survey.csv …`: the survey CSV (a flag or `history` is not a path).
  const fidelity = /^(\s*\/fidelity)\s+("[^"]+"|'[^']+'|[^\s-]\S*)(.*)$/i.exec(text);
  if (fidelity && fidelity[2].toLowerCase() !== 'history')
    return { text: `${fidelity[1]}${fidelity[3]}`, files: await readPath(fidelity[2], cwd) };
  const demography = /(--demography[=\s]+)("[^"]+"|'[^']+'|\S+)/i.exec(text);
  if (demography && /^\s*\/panel\s+create\b/i.test(text) && PATH_LIKE.test(demography[2].replace(/^["']|["']$/g, ''))) {
    const files = await readPath(demography[2], cwd);
    const name = files[0]?.name ?? path.basename(demography[2]);
    return { text: text.replace(demography[0], `${demography[1]}${name}`), files };
  }
  return { text, files: [] };
}

/**
 * True while a pasted `/panel add` JSON is still open: its braces (outside strings) do not balance
 * yet, or its code fence is not closed. The terminal delivers a multi-line paste line by line; the
 * chat keeps reading until the JSON is whole.
 *
 * @example
 *   isUnfinishedJson('/panel add {\n  "name": "Ada",'); // true
 */
export function isUnfinishedJson(text: string): boolean {
  const rest = /^\s*\/panel\s+add\s+([\s\S]*)$/i.exec(text)?.[1];
  if (rest === undefined) return false;
  if (rest.startsWith('```')) return !/```[\s\S]*```/.test(rest);
  if (!rest.startsWith('{')) return false;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return depth > 0;
}
