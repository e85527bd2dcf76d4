import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startLocalChat, TerminalSink, ThreadNumbers } from '../../../adapters/local/index.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';

function capture() {
  const out = new PassThrough();
  let text = '';
  out.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { out, text: () => text };
}

async function chat(lines: string[], options: { tty?: boolean; store?: MemoryStore } = {}) {
  const store = options.store ?? new MemoryStore();
  const { out, text } = capture();
  const outDir = mkdtempSync(path.join(tmpdir(), 'troupe-local-'));
  await startLocalChat({
    store,
    model: new OfflineModel({ responders: allOfflineResponders() }),
    limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output: out,
    tty: options.tty ?? false,
    interactive: false,
    outDir,
    notices: ['notice: offline'],
  });
  return { output: text(), store, outDir };
}

describe('local chat', () => {
  it('numbers threads, answers follow-ups with #N and /thread, and prints plain text when not a TTY', async () => {
    const { output } = await chat([
      '/panel create 3 commuters in Leeds --name leeds',
      'Would you cycle to work if there were showers at the office?',
      '/panel ask "And if parking cost £10 a day?"',
      '#1 What about rain?',
      '/thread 2',
      'Is £10 too much?',
      '/thread 9',
      '/thread',
    ]);
    expect(output.startsWith('notice: offline\n')).toBe(true);
    expect(output).toMatch(/^\[#1\] troupe: new thread ❓ Would you cycle/m);
    expect(output).toMatch(/^\[#2\] troupe: new thread ❓ And if parking cost £10 a day\?/m);
    const inThread = (n: number) =>
      output.split('\n').filter((line) => new RegExp(`^\\[#${n}\\] (?!troupe|…)[^:]+: `).test(line));
    expect(inThread(1)).toHaveLength(6);
    // Personas may stay silent on a follow-up (a THINK without a TALK); at least one answers.
    expect(inThread(2).length).toBeGreaterThan(3);
    expect(output).toContain('There is no thread #9');
    expect(output).toContain('Now in the channel');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts no ANSI escape reached a non-TTY
    expect(output).not.toMatch(/\x1b\[/);
  });

  it('colours each persona in a TTY', async () => {
    const { output } = await chat(
      ['/panel create 2 bakers in Lyon --name lyon', '/panel ask "Croissant or pain au chocolat?"'],
      { tty: true },
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: reads the ANSI colour codes the TTY output carries
    const coloured = [...output.matchAll(/\x1b\[38;5;(\d+)m\x1b\[1m([^\x1b]+)\x1b\[0m/g)].map((match) => [
      match[2],
      match[1],
    ]);
    expect(coloured.length).toBeGreaterThanOrEqual(2);
    const byName = new Map(coloured.map(([name, code]) => [name, code]));
    for (const [name, code] of coloured) expect(byName.get(name)).toBe(code);
  });

  it('continues thread numbers after a restart', async () => {
    const store = new MemoryStore();
    await chat(['/panel create 2 bakers in Lyon --name lyon', '/panel ask "Croissant?"'], { store });
    const { output } = await chat(['/panel ask "Baguette?"'], { store });
    expect(output).toMatch(/^\[#2\] troupe: new thread ❓ Baguette\?/m);
  });
});

describe('TerminalSink', () => {
  it('writes images and files under the output folder and prints their paths', async () => {
    const { out, text } = capture();
    const outDir = mkdtempSync(path.join(tmpdir(), 'troupe-sink-'));
    const sink = new TerminalSink({
      out,
      tty: false,
      outDir,
      threads: new ThreadNumbers(new MemoryStore(), 'local', 'local:main'),
    });
    const conversation = { tenantId: 'local', channelKey: 'local:main', userId: 'you', threadKey: 't3' };
    await sink.post(conversation, {
      kind: 'file',
      filename: '../../escape.md',
      mimeType: 'text/markdown',
      bytes: new TextEncoder().encode('# hi'),
      title: 'Export',
    });
    await sink.post(conversation, {
      kind: 'file',
      filename: 'escape.md',
      mimeType: 'text/markdown',
      bytes: new TextEncoder().encode('# again'),
    });
    const paths = [...text().matchAll(/written to (\S+)/g)].map((match) => match[1]);
    expect(paths).toEqual([path.join(outDir, 'escape.md'), path.join(outDir, 'escape-2.md')]);
    expect(readFileSync(paths[1], 'utf8')).toBe('# again');
    expect(text()).toMatch(/^\[#3\] troupe: Export written to/m);
  });
});
