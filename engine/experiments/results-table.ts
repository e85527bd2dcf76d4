import { chiSquareTest, type ChiSquareResult } from '../stats/multi-sample.js';
import { mean, sd } from '../stats/descriptive.js';
import { cohensD, mannWhitneyU, welchTTest, type MannWhitneyResult, type TTestResult } from '../stats/two-sample.js';
import type { ABSamples, Observation } from './ab-test.js';

/** Summary of one arm for one metric. */
export interface ArmSummary {
  mean: number;
  sd: number;
  n: number;
}

/** One row of the results table (treatment vs control for one metric). */
export interface ResultRow {
  metric: string;
  treatment: ArmSummary;
  control: ArmSummary;
  /** mean(treatment) − mean(control). */
  delta: number;
  /** Welch's t-test (the paper's p-value); undefined with fewer than 2 values per arm. */
  welch?: TTestResult;
  cohensD?: number;
  mannWhitney?: MannWhitneyResult;
  /** For 0/1 metrics: chi-square on the 2×2 table of successes and failures (with Yates correction). */
  chiSquare?: ChiSquareResult;
}

function valuesOf(observations: readonly Observation[], metric: string): number[] {
  return observations.map((o) => o[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function summarize(values: number[]): ArmSummary {
  return { mean: values.length ? mean(values) : NaN, sd: values.length > 1 ? sd(values) : NaN, n: values.length };
}

function isBinary(values: number[]): boolean {
  return values.every((v) => v === 0 || v === 1);
}

/**
 * Treatment vs control per metric: mean, sd, delta, Welch p, Cohen's d, Mann-Whitney; chi-square
 * for 0/1 metrics. Metrics default to every name seen, in first-seen order.
 *
 * @example compareConditions({ control: [{ ideas: 3 }, { ideas: 4 }], treatment: [{ ideas: 8 }, { ideas: 9 }] })
 */
export function compareConditions(samples: ABSamples, metrics?: readonly string[]): ResultRow[] {
  const names = metrics ?? [...new Set([...samples.treatment, ...samples.control].flatMap((o) => Object.keys(o)))];
  return names.map((metric) => {
    const t = valuesOf(samples.treatment, metric);
    const c = valuesOf(samples.control, metric);
    const row: ResultRow = {
      metric,
      treatment: summarize(t),
      control: summarize(c),
      delta: t.length && c.length ? mean(t) - mean(c) : NaN,
    };
    if (t.length >= 2 && c.length >= 2) {
      row.welch = welchTTest(t, c);
      row.cohensD = cohensD(t, c);
      row.mannWhitney = mannWhitneyU(t, c);
    }
    if (t.length && c.length && isBinary(t) && isBinary(c)) {
      const table = [t, c].map((arm) => [arm.filter((v) => v === 1).length, arm.filter((v) => v === 0).length]);
      if (table[0][0] + table[1][0] > 0 && table[0][1] + table[1][1] > 0)
        row.chiSquare = chiSquareTest(table, { yates: true });
    }
    return row;
  });
}

const fmt = (v: number | undefined, digits = 2) =>
  v === undefined || Number.isNaN(v) ? '–' : Number.isFinite(v) ? v.toFixed(digits) : v > 0 ? '∞' : '-∞';
const fmtP = (p: number | undefined) => (p === undefined ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const star = (p: number | undefined) => (p !== undefined && p <= 0.05 ? '*' : '');
const signed = (v: number) => (Number.isNaN(v) ? '–' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

/** Options for the printed table. */
export interface TableOptions {
  title?: string;
  /** Extra lines under the title, e.g. `N_a = 200, N_e = 40` or the treatment. */
  notes?: string[];
  /** Display names for metrics (e.g. `personaAdherence` → `Persona Adherence`). */
  labels?: Readonly<Record<string, string>>;
}

/**
 * Renders rows like the paper's Table 1: `T: mean (sd) | C: mean (sd) | Δ | p-value`, plus Cohen's d
 * and the Mann-Whitney p (and chi-square p for 0/1 metrics); `*` marks p ≤ 0.05 (Welch).
 */
export function formatResultsTable(rows: readonly ResultRow[], options: TableOptions = {}): string {
  const header = ['Metric', 'T: mean (sd)', 'C: mean (sd)', 'Δ', 'p-value', "Cohen's d", 'MW p', 'χ² p'];
  const body = rows.map((r) => [
    options.labels?.[r.metric] ?? r.metric,
    `${fmt(r.treatment.mean)} (${fmt(r.treatment.sd)})`,
    `${fmt(r.control.mean)} (${fmt(r.control.sd)})`,
    signed(r.delta),
    `${fmtP(r.welch?.p)}${star(r.welch?.p)}`,
    fmt(r.cohensD),
    fmtP(r.mannWhitney?.p),
    fmtP(r.chiSquare?.p),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out: string[] = [];
  if (options.title) out.push(options.title);
  for (const note of options.notes ?? []) out.push(note);
  out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line));
  out.push('T = treatment, C = control; p-value: Welch t-test, * p ≤ 0.05; MW: Mann-Whitney U; χ²: for 0/1 metrics.');
  return out.join('\n');
}
