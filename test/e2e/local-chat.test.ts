import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../prisma/index.js';
import { ChatProcess } from './chat-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-'));
const databaseUrl = `file:${path.join(dir, 'troupe.db')}`;
const runs: ChatProcess[] = [];

/** Persona lines of a thread: `[#n] Name: text` (not the bot, not progress). */
function personaLines(output: string, thread: number): { name: string; line: string }[] {
  const pattern = new RegExp(`^\\[#${thread}\\] (?!troupe:|…)([^:]+): `);
  return output.split('\n').flatMap((line) => {
    const match = pattern.exec(line);
    return match ? [{ name: match[1], line }] : [];
  });
}

function writtenFile(output: string, pattern: RegExp): string {
  const match = output.match(pattern);
  expect(match, `no file line matching ${pattern} in\n${output}`).toBeTruthy();
  return match![1];
}

afterAll(() => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('local chat end to end (offline model, child process)', () => {
  it('creates a panel, asks, polls, brainstorms, summarizes and exports from a script', async () => {
    const chat = new ChatProcess(dir, databaseUrl);
    runs.push(chat);
    chat.send([
      '/panel create 5 US parents of toddlers --name parents',
      '/panel ask "What would make you switch grocery apps?"',
      '/poll choice "Which name do you prefer?" "Alpha" "Beta"',
      '/brainstorm "features for a family budgeting app" --rounds 2 --diverge',
      '/summarize',
      '/export md',
      '/export json',
      '/export csv',
      '/export docx',
      '/usage',
    ]);
    chat.end();
    expect(await chat.exited).toBe(0);
    const out = chat.output;
    expect(out.split('\n')[0]).toMatch(/offline.*LLM_API_KEY.*LLM_BASE_URL/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts no ANSI escape reached a piped stdout
    expect(out).not.toMatch(/\x1b\[/);

    const answers = personaLines(out, 1);
    expect(answers).toHaveLength(5);
    expect(new Set(answers.map((answer) => answer.name)).size).toBe(5);
    expect(out).toMatch(/\(Synthetic persona · offline/);

    const chart = writtenFile(out, /chart "Poll: Which name do you prefer\?" written to (\S+\.png)/);
    expect(readFileSync(chart).subarray(1, 4).toString()).toBe('PNG');

    const brainstorm = personaLines(out, 2);
    expect(out).toMatch(
      /\[#2\] troupe: new thread 💡 Brainstorm: features for a family budgeting app \(2 rounds, divergence on\)/,
    );
    expect(new Set(brainstorm.map((answer) => answer.name))).toEqual(new Set(answers.map((answer) => answer.name)));
    expect(brainstorm.length).toBeGreaterThanOrEqual(10);

    expect(out).toMatch(/troupe: Summary\n/);
    expect(out).toMatch(/Summary of a synthetic panel · offline/);
    const md = writtenFile(out, /written to (\S+\.md)/);
    expect(readFileSync(md, 'utf8')).toMatch(/synthetic/i);
    expect(JSON.parse(readFileSync(writtenFile(out, /written to (\S+\.json)/), 'utf8')).provenance.synthetic).toBe(
      true,
    );
    expect(existsSync(writtenFile(out, /written to (\S+\.csv)/))).toBe(true);
    expect(
      readFileSync(writtenFile(out, /written to (\S+\.docx)/))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(out).toMatch(/LLM calls \(\d+ from cache\)/);
  }, 180_000);

  it('resumes (or reports) a job killed mid-way after a restart, posting nothing twice', async () => {
    const killed = new ChatProcess(dir, databaseUrl);
    runs.push(killed);
    killed.send(['/panel create 20 nurses in Lagos who commute by bus --name nurses']);
    await killed.waitFor(/personas ready — 1\/20/);
    killed.child.kill('SIGKILL');
    await killed.exited;

    const store = await openStore({ databaseUrl });
    const job = (await store.listJobs('local', 100)).find(
      (candidate) => candidate.kind === 'panel.create' && candidate.input.panelName === 'nurses',
    );
    expect(job).toBeDefined();
    const statusAtKill = job!.status;
    await store.close();

    const restarted = new ChatProcess(dir, databaseUrl);
    runs.push(restarted);
    restarted.end();
    expect(await restarted.exited).toBe(0);
    if (statusAtKill === 'running' || statusAtKill === 'queued') {
      expect(restarted.output).toMatch(new RegExp(`(Resuming job ${job!.id}|Job ${job!.id} .* was interrupted)`));
    }

    const after = await openStore({ databaseUrl });
    try {
      const final = await after.getJob('local', job!.id);
      expect(['succeeded', 'interrupted']).toContain(final!.status);
      const posts = await after.listPosts('local', 'local:main');
      const keys = posts.map((post) => post.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      if (final!.status === 'succeeded') {
        const panel = await after.getPanel('local', 'nurses');
        expect(await after.listPersonas('local', panel!.id)).toHaveLength(20);
        expect(keys.filter((key) => key === `job:${job!.id}:created`)).toHaveLength(1);
      }
      // Across the killed run and the restart, no transcript line is printed twice.
      const printed = [...killed.lines(), ...restarted.lines()].filter(
        (line) =>
          line.trim() && !line.startsWith('…') && !/^(Troupe local chat|No LLM_API_KEY|Recovered after)/.test(line),
      );
      const roster = printed.filter((line) => line.startsWith('troupe: Panel "nurses" —'));
      expect(roster.length).toBe(final!.status === 'succeeded' ? 1 : 0);
      const bullets = printed.filter((line) => line.trimStart().startsWith('• '));
      expect(new Set(bullets).size).toBe(bullets.length);
    } finally {
      await after.close();
    }
  }, 180_000);
});
