import type { PersonaSpec } from '../agent/persona-spec.js';
import type { NameRegistry } from './name-registry.js';
import type { Demography } from './schemas.js';

/**
 * One axis of the sampling space, normalised from the model's answer.
 *
 * @example
 *   { name: 'age', description: 'age in years', range: [25, 60] }
 *   { name: 'gender', description: '', distribution: { Female: 0.5, Male: 0.5 } }
 */
export interface SamplingDimension {
  name: string;
  description: string;
  values?: string[];
  range?: [number, number];
  distribution?: Record<string, number>;
}

/** One row of the sampling plan: a sub-population and how many people to draw from it. */
export interface Subpopulation {
  subpopulation_description: string;
  sampled_values: Record<string, string>;
  quantity: number;
}

/** What one person is generated from: a sub-population, its values and the name settled in code. */
export interface Combination {
  subpopulation_description: string;
  sampled_values: Record<string, string>;
  name: string;
}

/** A generated persona with its avatar (a data URI). */
export interface GeneratedPersona {
  spec: PersonaSpec;
  avatar: string;
}

/** Options of `TinyPersonFactory.create`. */
export interface CreateOptions {
  /** How many people (1..maxCount). */
  count: number;
  /** Free text, e.g. "US parents" or "nurses in Lagos who commute by bus". */
  description?: string;
  /** A TinyTroupe demography document, instead of (or besides) a description. */
  demography?: Demography;
  /** Extra context, e.g. what the panel will be asked about. */
  context?: string;
  /** Characteristics every persona must have. */
  requirements?: string[];
  /** Applied to every persona spec before validation (e.g. merging a fragment). */
  postProcess?: (spec: PersonaSpec, combination: Combination) => PersonaSpec;
  /** Called as personas arrive. */
  onProgress?: (done: number, total: number, persona: GeneratedPersona) => void;
  signal?: AbortSignal;
  /** Seed for the shuffle, names and offline answers; defaults to a hash of the description. */
  seed?: number;
  /** Names already used in the tenant (`PersonaStore.listPersonaNames`). */
  existingNames?: Iterable<string>;
  /**
   * `combined` (default without a demography document): dimensions and plan in one call, N + 1
   * calls in two round trips. `separate` (default with one; `--align` asks for it too): two calls.
   */
  planning?: 'combined' | 'separate';
}

/** What `create` returns. */
export interface CreateResult {
  personas: GeneratedPersona[];
  dimensions: SamplingDimension[];
  plan: Subpopulation[];
  /** LLM calls made (including failed attempts). */
  calls: number;
  callsByTask: Record<string, number>;
  /** Notes such as "plan quantities summed to 17, rescaled to 20". */
  warnings: string[];
}

/** Factory-wide settings. */
export interface FactoryOptions {
  /** Largest panel per command (default 50). */
  maxCount?: number;
  /** Shared by every factory of one tenant so concurrent panels never reuse a name. */
  names?: NameRegistry;
  /** Attempts per person slot: the first, then replacements with fresh combinations (default 3). */
  maxAttemptsPerPerson?: number;
  /** Persona calls in flight at once; by default all (the model's own limiter bounds them). */
  concurrency?: number;
  /** Store avatars as SVG (default) or PNG data URIs. */
  avatarFormat?: 'svg' | 'png';
  temperature?: number;
  attribution?: { tenantId?: string; jobId?: string };
}
