import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runLocalChat } from './run-local-chat.js';

async function chat(lines: string[]) {
  return runLocalChat(lines);
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

describe('local chat: /export carries the people poll', () => {
  it("exports the people's distribution and each vote by platform user id (no name), CSV cells neutralised", async () => {
    const { output: text, outDir } = await runLocalChat([
      '/panel create 3 commuters in Leeds --name leeds',
      '/poll choice "Which name?" "Nova" "=HYPERLINK(1)" --with-people',
      '/vote 2',
      '/poll close',
      '/config export-names on',
      '/export md --all',
      '/export csv --all',
    ]);
    expect(text).toContain('Export names is on for this workspace');
    const files = readdirSync(outDir);
    const md = readFileSync(path.join(outDir, files.find((name) => name.endsWith('.md'))!), 'utf8');
    expect(md).toContain('## People beside the panel');
    expect(md).toMatch(/\| Nova \| 0 \| 0% \| \d+% \|/);
    expect(md).toMatch(/\| \\=HYPERLINK\(1\) \| 1 \| 100% \| \d+% \|/);
    // The local chat's person is "you": their vote is attributed to that id; the chat gives no name.
    expect(md).toContain('| user id | vote |');
    expect(md).toContain('| you | \\=HYPERLINK(1) |');
    const votes = readFileSync(path.join(outDir, files.find((name) => name.endsWith('-people-votes.csv'))!), 'utf8');
    const rows = Papa.parse<Record<string, string>>(votes, { header: true, comments: '#', skipEmptyLines: true }).data;
    expect(rows).toEqual([
      expect.objectContaining({ question: 'Which name?', user_id: 'you', vote: "'=HYPERLINK(1)" }),
    ]);
    expect(Object.keys(rows[0])).not.toContain('name');
    const results = readFileSync(
      path.join(outDir, files.find((name) => name.endsWith('-people-results.csv'))!),
      'utf8',
    );
    const tallies = Papa.parse<Record<string, string>>(results, {
      header: true,
      comments: '#',
      skipEmptyLines: true,
    }).data;
    expect(tallies.map((row) => [row.option, row.people_count, row.people_share, row.people_n, row.panel_n])).toEqual([
      ['Nova', '0', '0', '1', '3'],
      ["'=HYPERLINK(1)", '1', '1', '1', '3'],
    ]);
  });

  it("a thread's /export (no --all) has that thread's people poll and no other", async () => {
    const { outDir } = await runLocalChat([
      '/panel create 2 commuters in Leeds --name leeds',
      '/poll yesno "A channel-level poll?" --with-people',
      '/vote yes',
      '/poll close',
      '/panel ask "What would make you take the bus?"',
      '/poll yesno "Would you pay for live bus times?" --with-people',
      '/vote no',
      '/poll close',
      '/export md',
    ]);
    const md = readFileSync(path.join(outDir, readdirSync(outDir).find((name) => name.endsWith('.md'))!), 'utf8');
    expect(md).toContain('## People beside the panel');
    expect(md).toContain('### Would you pay for live bus times?');
    expect(md).toContain('| you | no |');
    expect(md).not.toContain('A channel-level poll?');
  });
});
