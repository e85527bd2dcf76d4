import { mkdtempSync, writeFileSync } from 'node:fs';
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
  return { output: text, store };
}

describe('local chat: /poll --with-people and /vote', () => {
  it('prints the ballot, takes a typed vote, and /poll close shows the people beside the panel', async () => {
    const { output } = await chat([
      '/panel create 4 commuters in Leeds --name leeds',
      '/poll choice "Which name?" "Nova" "Orbit" "Pulse" --with-people',
      '/vote 7',
      '/vote 2',
      '/vote pulse',
      '/poll close',
      '/vote 1',
    ]);
    expect(output).toContain('People poll: Which name?');
    expect(output).toMatch(/1\. Nova[\s\S]*2\. Orbit[\s\S]*3\. Pulse/);
    expect(output).toContain('"7" is not an option of this poll');
    expect(output).toContain('Your vote: Orbit');
    expect(output).toContain('Your vote: Pulse');
    expect(output).toContain('People beside the panel: Which name?');
    expect(output).toContain('panel n = 4 · people n = 1');
    expect(output).toMatch(/Pulse \| \d+% \| 100% \|/);
    expect(output).toMatch(/Jensen-Shannon distance \d\.\d\d/);
    expect(output).toMatch(/no open people poll|is closed/);
  });

  it('/fidelity takes a CSV path and prints the report summary beside the baselines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'troupe-fidelity-'));
    const file = path.join(dir, 'survey.csv');
    const rows = ['I trust my neighbours,Do you own a car?'];
    for (let i = 0; i < 20; i++) rows.push(`${(i % 5) + 1},${i % 4 ? 'yes' : 'no'}`);
    writeFileSync(file, rows.join('\n'));
    const { output } = await chat([
      '/panel create 3 commuters in Leeds --name leeds',
      `/fidelity ${file}`,
      '/fidelity history',
    ]);
    expect(output).toContain('Fidelity of panel leeds against survey.csv (20 respondents, 2 questions, method direct)');
    expect(output).toMatch(/uniform-random answerer: mean JSD \d\.\d\d/);
    expect(output).toContain('Fidelity history of panel leeds');
  });
});
