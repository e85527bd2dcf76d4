import type { PersonaSpec } from '../agent/persona-spec.js';
import { throwIfAborted } from '../errors.js';
import type { LanguageModel } from '../llm/port.js';
import { hashString } from '../util/random.js';
import { avatarDataUri } from './avatar.js';
import { CallCounter } from './call-counter.js';
import { flattenPlan } from './flatten.js';
import { NameRegistry } from './name-registry.js';
import { settleName } from './names.js';
import { finishSpec, generatePersonas, requestPersona } from './persona-generation.js';
import { singlePersonaMessages, type PopulationBrief } from './prompts.js';
import { planPopulation } from './sampling-space.js';
import type { Combination, CreateOptions, CreateResult, FactoryOptions, GeneratedPersona } from './types.js';
import { DEFAULT_MAX_COUNT, validateCount, validateDemography, validateDescription } from './validate-input.js';

/** Options of `createOne`. */
export interface CreateOneOptions {
  context?: string;
  requirements?: string[];
  postProcess?: (spec: PersonaSpec, combination: Combination) => PersonaSpec;
  signal?: AbortSignal;
  seed?: number;
  existingNames?: Iterable<string>;
}

/**
 * Samples a population of detailed personas (TinyTroupe's `TinyPersonFactory`): dimensions and plan
 * (one call, or two with a demography document) → flatten → one persona per combination, in N + 1
 * calls and two round trips (N + 2 and three on the two-call path).
 *
 * @example
 *   const factory = new TinyPersonFactory(model, { names: tenantNames });
 *   const { personas } = await factory.create({ count: 20, description: 'US parents', onProgress });
 */
export class TinyPersonFactory {
  private readonly names: NameRegistry;
  private readonly maxCount: number;

  constructor(
    private readonly model: LanguageModel,
    private readonly options: FactoryOptions = {},
  ) {
    this.names = options.names ?? new NameRegistry();
    this.maxCount = options.maxCount ?? DEFAULT_MAX_COUNT;
  }

  async create(options: CreateOptions): Promise<CreateResult> {
    validateCount(options.count, this.maxCount);
    const brief = this.brief(options);
    throwIfAborted(options.signal);
    const seed = options.seed ?? hashString(brief.description);
    if (options.existingNames) this.names.addExisting(options.existingNames);
    const counter = new CallCounter(this.model);
    const { dimensions, plan, warnings } = await planPopulation({
      model: counter,
      brief,
      demography: options.demography,
      count: options.count,
      seed,
      temperature: this.options.temperature,
      signal: options.signal,
      attribution: this.options.attribution,
      planning: options.planning,
    });
    throwIfAborted(options.signal);
    const personas = await generatePersonas({
      model: counter,
      brief,
      draws: flattenPlan(plan, dimensions, seed),
      plan,
      dimensions,
      names: this.names,
      seed,
      maxAttemptsPerPerson: this.options.maxAttemptsPerPerson ?? 3,
      concurrency: this.options.concurrency ?? options.count,
      avatarFormat: this.options.avatarFormat ?? 'svg',
      temperature: this.options.temperature,
      attribution: this.options.attribution,
      postProcess: options.postProcess,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    return { personas, dimensions, plan, calls: counter.total, callsByTask: { ...counter.byTask }, warnings };
  }

  /** One persona from a single description, without the planning phase (one call). */
  async createOne(description: string, options: CreateOneOptions = {}): Promise<GeneratedPersona & { calls: number }> {
    const brief: PopulationBrief = {
      description: validateDescription(description),
      context: options.context,
      requirements: options.requirements ?? [],
    };
    throwIfAborted(options.signal);
    const seed = options.seed ?? hashString(brief.description);
    if (options.existingNames) this.names.addExisting(options.existingNames);
    // The description doubles as the gender/culture cue for the name ("a retired woman in Osaka").
    const name = settleName({ gender: brief.description }, brief.description, this.names, seed, 0);
    const combination: Combination = { subpopulation_description: brief.description, sampled_values: {}, name };
    try {
      const raw = await requestPersona(
        this.model,
        singlePersonaMessages(brief, name),
        { description: brief.description, context: brief.context, requirements: brief.requirements, combination, seed },
        { temperature: this.options.temperature, signal: options.signal, attribution: this.options.attribution },
      );
      const spec = finishSpec(raw, combination, this.names, options.postProcess);
      return { spec, avatar: avatarDataUri(spec.name, this.options.avatarFormat ?? 'svg'), calls: 1 };
    } catch (error) {
      this.names.release(name);
      throw error;
    }
  }

  private brief(options: CreateOptions): PopulationBrief {
    const demography = options.demography ? validateDemography(options.demography) : undefined;
    const text = options.description ?? (demography ? `${demography.title}: ${demography.description}` : '');
    const description = validateDescription(demography && !options.description ? text.slice(0, 500) : text);
    return {
      description,
      demographyJson: demography ? JSON.stringify(demography.content) : undefined,
      context: options.context,
      requirements: options.requirements ?? [],
    };
  }
}
