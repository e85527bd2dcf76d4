import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startLocalChat } from '../../../adapters/local/index.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { LanguageModel } from '../../../engine/llm/port.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';

/**
 * Runs the local chat over `lines` (each typed, then end of input) on a MemoryStore and, unless another
 * model is given, the offline model; returns everything it printed, the store and the export folder.
 *
 * @example
 *   const { output, store } = await runLocalChat(['/panel create 3 US parents', '/panel list']);
 */
export async function runLocalChat(
  lines: readonly string[],
  options: { model?: LanguageModel; store?: MemoryStore; tty?: boolean; notices?: string[] } = {},
): Promise<{ output: string; store: MemoryStore; outDir: string }> {
  const store = options.store ?? new MemoryStore();
  const out = new PassThrough();
  let output = '';
  out.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const outDir = mkdtempSync(path.join(tmpdir(), 'troupe-local-'));
  await startLocalChat({
    store,
    model: options.model ?? new OfflineModel({ responders: allOfflineResponders() }),
    limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output: out,
    tty: options.tty ?? false,
    interactive: false,
    outDir,
    notices: options.notices ?? [],
  });
  return { output, store, outDir };
}
