import { UserInputError } from '../../engine/errors.js';
import type { Demography } from '../../engine/factory/schemas.js';
import {
  builtInDemographies,
  builtInDemography,
  parseDemographyText,
  type UploadedFile,
} from '../../personas/index.js';

/**
 * The document `--demography` names: an attached file by its name (`norway.json`, or `file` /
 * `uploaded` when exactly one is attached), otherwise a built-in one (`usa`, `brazil`, `china`,
 * `norway`, `scandinavia`).
 *
 * @example
 *   chooseDemography('norway', []).title; // 'Norway Population Information'
 */
export function chooseDemography(name: string, files: readonly UploadedFile[]): Demography {
  const wanted = name.trim().toLowerCase();
  const jsonFiles = files.filter((file) => /\.json$/i.test(file.name));
  const attached =
    jsonFiles.find((file) => file.name.toLowerCase() === wanted || file.name.toLowerCase() === `${wanted}.json`) ??
    (/^(file|uploaded|attached)$/.test(wanted) && jsonFiles.length === 1 ? jsonFiles[0] : undefined);
  if (attached) return parseDemographyText(new TextDecoder().decode(attached.bytes), attached.name);
  if (/\.json$/i.test(wanted) && !builtInDemographies().includes(wanted.replace(/\.json$/, '')))
    throw new UserInputError(
      'panel.demography',
      `--demography ${name}: no file of that name is attached. Attach it to the message (or, in the local chat, give its path), or use a built-in one: ${builtInDemographies().join(', ')}.`,
      '/panel create 8 --demography norway',
    );
  return builtInDemography(wanted);
}
