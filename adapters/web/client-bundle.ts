import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

/** The page's script and stylesheet, built from `adapters/web/client/`. */
export interface ClientBundle {
  js: string;
  css: string;
}

const clientDir = path.join(import.meta.dirname, 'client');

/**
 * Builds the browser bundle with the project's own esbuild at start-up (no CDN, nothing fetched at run time): the
 * plain TypeScript modules under `client/` become one ES module, and `styles.css` is served as is.
 *
 * @example
 *   const bundle = await buildClientBundle(); // { js: '…', css: '…' }
 */
export async function buildClientBundle(): Promise<ClientBundle> {
  const result = await build({
    entryPoints: [path.join(clientDir, 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return { js: result.outputFiles[0].text, css: await readFile(path.join(clientDir, 'styles.css'), 'utf8') };
}
