import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startLocalChat } from '../../../adapters/local/index.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';

async function chat(lines: string[]) {
  const store = new MemoryStore();
  const out = new PassThrough();
  let text = '';
  out.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await startLocalChat({
    store,
    model: new OfflineModel({ responders: allOfflineResponders() }),
    limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output: out,
    tty: false,
    interactive: false,
    outDir: mkdtempSync(path.join(tmpdir(), 'troupe-local-')),
    notices: [],
  });
  return { output: text };
}

describe('local chat: thread experiments on the offline model', () => {
  it('/fork, /diff in the fork, --independent-then-discuss and /experiment', async () => {
    const { output } = await chat([
      '/panel create 3 commuters in Leeds --name leeds',
      '/panel ask "Would you cycle to work if parking cost £5 a day?"',
      '/thread 1',
      '/poll yesno "Would you cycle?"',
      '/fork "Would you cycle to work if parking cost £10 a day?"',
      '/thread 2',
      '/poll yesno "Would you cycle?"',
      '/diff',
      '/thread',
      '/panel ask "Should the office add showers?" --independent-then-discuss --rounds 1',
      '/thread 1',
      `/experiment "Parking costs £5" "Parking costs £10" --poll 'yesno "Would you cycle?"' --within`,
    ]);
    expect(output).toMatch(/^\[#2\] troupe: new thread 🍴 Would you cycle to work if parking cost £10 a day\?/m);
    expect(output).toContain('Fork of the thread “Would you cycle to work if parking cost £5 a day?”');
    expect(output).toMatch(/\[#2\] troupe: Diff: parent vs fork/);
    expect(output).toContain('Paired (McNemar exact, 3 personas in both)');
    expect(output).toContain('Opinion shift after 1 round of discussion');
    expect(output).toMatch(/\[#1\] troupe: Diff: arm A \(“Parking costs £5”\) vs arm B \(“Parking costs £10”\)/);
    expect(output).toContain('Design: within personas — all 3 personas took both arms');
  });
});
