import { fileURLToPath } from 'node:url';
import { loadPersonaFolder, type PersonaFolder } from './loader.js';

/** Folder of Troupe's own persona library (personas and fragments written for the project). */
export const LIBRARY_DIR = fileURLToPath(new URL('./library/', import.meta.url));

/**
 * Loads Troupe's persona library.
 *
 * @example
 *   const { agents, fragments } = await loadLibrary();
 */
export function loadLibrary(): Promise<PersonaFolder> {
  return loadPersonaFolder(LIBRARY_DIR);
}
