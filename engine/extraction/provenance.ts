import { modelLabel } from '../llm/model-routes.js';
import type { LanguageModel } from '../llm/port.js';

/**
 * Where a result came from. Every summary, poll result and export carries one, so nobody mistakes
 * simulated answers for real people's.
 *
 * @example
 *   const provenance = makeProvenance(model, 'US parents (12)');
 *   provenanceLine(provenance); // "Synthetic panel: simulated personas, not real people. Panel: …"
 */
export interface Provenance {
  synthetic: true;
  /** The model(s) that produced the content, e.g. `gpt-4.1-mini` or `answers: gpt-4.1-mini; judge: gpt-4.1-nano`. */
  model: string;
  /** ISO timestamp. */
  generatedAt: string;
  /** A human-readable panel name or description. */
  panel: string;
}

/** Builds a provenance record; `now` is injectable so tests and exports are reproducible. */
export function makeProvenance(model: LanguageModel | string, panel: string, now: Date = new Date()): Provenance {
  return {
    synthetic: true,
    model: typeof model === 'string' ? model : modelLabel(model),
    generatedAt: now.toISOString(),
    panel,
  };
}

/** The one visible sentence shown at the top of every export and summary. */
export function provenanceLine(provenance: Provenance): string {
  return `Synthetic panel: answers come from simulated personas, not real people. Panel: ${provenance.panel}. Model: ${provenance.model}. Generated: ${provenance.generatedAt}.`;
}
