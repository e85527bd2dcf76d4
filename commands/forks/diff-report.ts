import type { TopLevelSpec } from 'vega-lite';
import type { PollDiff, ThemeDiff } from '../../engine/extraction/index.js';
import type { PollChart } from '../extraction/poll-charts.js';

/** One persona's answer or stance in each thread. */
export interface SideBySide {
  persona: string;
  a?: string | number;
  b?: string | number;
  changed: boolean;
}

/** Everything `/diff` reports. */
export interface DiffReport {
  labels: [string, string];
  polls: PollDiff[];
  /** What `people` shows: the answers to a shared poll, or a 1–5 stance rating of what each persona said. */
  basis: string;
  people: SideBySide[];
  themes?: ThemeDiff;
}

const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
const effect = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : value > 0 ? '∞' : '–');
const TEST_NAMES = {
  fisher: 'Fisher’s exact',
  'chi-square': 'chi-square',
  'mann-whitney': 'Mann-Whitney U',
  'welch-t': 'Welch’s t',
};

function pollLines(diff: PollDiff, labels: [string, string]): string[] {
  const [a, b] = diff.comparison.groups;
  const describe = (group: typeof a) =>
    group.mean !== undefined
      ? `mean ${group.mean.toFixed(2)}`
      : Object.entries(group.counts ?? {})
          .map(([option, count]) => `${option} ${count}`)
          .join(', ');
  const lines = [
    `Poll “${diff.poll.question}” (${diff.poll.kind}): ${labels[0]} n=${a.n}, ${describe(a)} | ${labels[1]} n=${b.n}, ${describe(b)}`,
    `  ${TEST_NAMES[diff.test]}: ${pValue(diff.p)}, ${diff.effect.name} ${effect(diff.effect.value)}${diff.p <= 0.05 ? ' — a clear difference' : ' — no clear difference'}`,
  ];
  if (diff.secondary)
    lines.push(
      `  ${TEST_NAMES[diff.secondary.test]} beside it: ${pValue(diff.secondary.p)}, ${diff.secondary.effect.name} ${effect(diff.secondary.effect.value)}`,
    );
  if (diff.paired)
    lines.push(
      `  Paired (${diff.paired.test === 'mcnemar' ? 'McNemar exact' : 'Wilcoxon signed-rank'}, ${diff.paired.n} personas in both): ${pValue(diff.paired.p)}`,
    );
  lines.push(...diff.notes.map((note) => `  Note: ${note}`));
  return lines;
}

/** The diff as lines of text. */
export function diffLines(report: DiffReport): string[] {
  const [a, b] = report.labels;
  const changed = report.people.filter((person) => person.changed);
  const inBoth = report.people.filter((person) => person.a !== undefined && person.b !== undefined).length;
  const lines = [`Diff: ${a} vs ${b}`];
  if (report.polls.length) for (const poll of report.polls) lines.push(...pollLines(poll, report.labels));
  else lines.push('No poll of the same kind and options in both threads (run the same /poll in each to test it).');
  lines.push(
    `Who changed their mind (${report.basis}): ${changed.length} of ${inBoth} in both threads${changed.length ? ` — ${changed.map((person) => person.persona).join(', ')}` : ''}`,
  );
  for (const person of report.people)
    lines.push(`  ${person.persona}: ${person.a ?? '—'} | ${person.b ?? '—'}${person.changed ? '  ← changed' : ''}`);
  if (report.themes) {
    const { shared, onlyA, onlyB } = report.themes;
    lines.push(
      `Themes shared: ${shared.map((pair) => (pair.a === pair.b ? pair.a : `${pair.a} ≈ ${pair.b}`)).join('; ') || 'none'}`,
      `Only in ${a}: ${onlyA.join('; ') || 'none'}`,
      `Only in ${b}: ${onlyB.join('; ') || 'none'}`,
    );
  } else lines.push('Themes: not compared (one side has nothing said yet).');
  return lines;
}

/** The diff as a Markdown document (the export). */
export function diffMarkdown(report: DiffReport, title: string): string {
  const [a, b] = report.labels;
  const rows = report.people.map(
    (person) => `| ${person.persona} | ${person.a ?? '—'} | ${person.b ?? '—'} | ${person.changed ? 'yes' : ''} |`,
  );
  return [
    `# ${title}`,
    '',
    '_Synthetic panel: personas simulated by a language model._',
    '',
    '## Summary',
    '',
    ...diffLines(report).map((line) => (line.startsWith('  ') ? `    ${line.trim()}` : `- ${line}`)),
    '',
    `## Side by side (${report.basis})`,
    '',
    `| Persona | ${a} | ${b} | Changed |`,
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Grouped bars of the first compared poll's answers (or the stances) in each thread. */
export function diffChart(report: DiffReport): PollChart {
  const [a, b] = report.labels;
  const poll = report.polls[0];
  const values = poll
    ? poll.comparison.groups.flatMap((group, index) =>
        group.counts
          ? Object.entries(group.counts).map(([answer, count]) => ({ answer, side: index ? b : a, count }))
          : [],
      )
    : [];
  const fromPeople = (side: 'a' | 'b', label: string) => {
    const counts = new Map<string, number>();
    for (const person of report.people) {
      const value = person[side];
      if (value !== undefined) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
    }
    return [...counts].map(([answer, count]) => ({ answer, side: label, count }));
  };
  const data = values.length ? values : [...fromPeople('a', a), ...fromPeople('b', b)];
  const question = poll ? poll.poll.question : report.basis;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `Diff: ${question.slice(0, 80)}`, subtitle: 'Synthetic panel' },
    width: 480,
    height: 240,
    data: { values: data },
    mark: 'bar',
    encoding: {
      x: { field: 'answer', type: 'nominal', title: 'Answer' },
      xOffset: { field: 'side' },
      y: { field: 'count', type: 'quantitative', title: 'Personas' },
      color: { field: 'side', type: 'nominal', title: null },
    },
  } as unknown as TopLevelSpec;
  return { spec, altText: `Grouped bar chart comparing ${a} and ${b}: ${question}` };
}
