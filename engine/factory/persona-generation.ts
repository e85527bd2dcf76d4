import { setMaxListeners } from 'node:events';
import { PersonaSpecSchema, type PersonaSpec } from '../agent/persona-spec.js';
import { CancelledError, ModelBehaviorError } from '../errors.js';
import type { CallAttribution, ChatMessage, LanguageModel } from '../llm/port.js';
import { SeededRandom, hashString } from '../util/random.js';
import { avatarDataUri } from './avatar.js';
import { replacementDraw, type Draw } from './flatten.js';
import type { NameRegistry } from './name-registry.js';
import { settleName } from './names.js';
import { personaMessages, type PopulationBrief } from './prompts.js';
import { PersonaOutputSchema } from './schemas.js';
import type { Combination, GeneratedPersona, SamplingDimension, Subpopulation } from './types.js';

/** Inputs of phase 4 (one persona per combination, in parallel). */
export interface GenerationInput {
  model: LanguageModel;
  brief: PopulationBrief;
  draws: Draw[];
  plan: Subpopulation[];
  dimensions: SamplingDimension[];
  names: NameRegistry;
  seed: number;
  maxAttemptsPerPerson: number;
  concurrency: number;
  avatarFormat: 'svg' | 'png';
  temperature?: number;
  attribution?: CallAttribution;
  postProcess?: (spec: PersonaSpec, combination: Combination) => PersonaSpec;
  onProgress?: (done: number, total: number, persona: GeneratedPersona) => void;
  signal?: AbortSignal;
}

/** Calls the model for one persona and checks the result; model trouble surfaces as ModelBehaviorError. */
export async function requestPersona(
  model: LanguageModel,
  messages: ChatMessage[],
  hints: Record<string, unknown>,
  options: { temperature?: number; signal?: AbortSignal; attribution?: CallAttribution },
): Promise<PersonaSpec> {
  const result = await model.complete({
    ...options,
    task: 'factory.persona',
    messages,
    schema: PersonaOutputSchema,
    hints,
  });
  return result.value as PersonaSpec;
}

/** Turns a model persona into a checked spec with its settled name, applying the post-processing hook. */
export function finishSpec(
  raw: PersonaSpec,
  combination: Combination,
  names: NameRegistry,
  postProcess?: (spec: PersonaSpec, combination: Combination) => PersonaSpec,
): PersonaSpec {
  // The name was settled in code; a model that drifts from it must not break uniqueness.
  let spec: PersonaSpec = { ...raw, name: combination.name };
  if (postProcess) spec = postProcess(spec, combination);
  if (spec.name !== combination.name) {
    if (names.tryReserve(spec.name)) names.release(combination.name);
    else spec = { ...spec, name: combination.name };
  }
  const parsed = PersonaSpecSchema.safeParse(spec);
  if (!parsed.success)
    throw new ModelBehaviorError(
      'factory.persona_invalid',
      `persona of ${combination.name} is invalid: ${parsed.error.message}`,
    );
  return parsed.data;
}

/** Rejects as soon as the signal fires, even if the wrapped work ignores it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Phase 4: one persona per draw, in parallel (at most `concurrency` in flight). A failed person is
 * replaced by a fresh draw from the same plan with a new name, up to `maxAttemptsPerPerson` tries;
 * results keep the draw order, so they never depend on which call returned first.
 */
export async function generatePersonas(input: GenerationInput): Promise<GeneratedPersona[]> {
  const total = input.draws.length;
  const internal = new AbortController();
  // Every in-flight persona call listens to it; dozens are expected, not a leak.
  setMaxListeners(0, internal.signal);
  const stop = () => internal.abort();
  input.signal?.addEventListener('abort', stop, { once: true });
  if (input.signal?.aborted) internal.abort();
  const reserved: string[] = [];
  const combinations: Combination[] = input.draws.map((draw, slot) => {
    const name = settleName(draw.sampled_values, input.brief.description, input.names, input.seed, slot);
    reserved.push(name);
    return { ...draw, name };
  });
  const results: GeneratedPersona[] = new Array(total);
  let done = 0;
  let failure: Error | undefined;

  const runSlot = async (slot: number): Promise<void> => {
    let combination = combinations[slot];
    const rng = new SeededRandom(hashString(`${input.seed}|replace|${slot}`));
    let lastError: unknown;
    for (let attempt = 0; attempt < input.maxAttemptsPerPerson; attempt++) {
      if (internal.signal.aborted) throw new CancelledError();
      if (attempt > 0) {
        const draw = replacementDraw(input.plan, input.dimensions, rng);
        const name = settleName(
          draw.sampled_values,
          input.brief.description,
          input.names,
          input.seed,
          total + slot * 100 + attempt,
        );
        reserved.push(name);
        combination = { ...draw, name };
      }
      let raw: PersonaSpec;
      try {
        raw = await untilAborted(
          requestPersona(
            input.model,
            personaMessages(input.brief, combination),
            {
              description: input.brief.description,
              context: input.brief.context,
              requirements: input.brief.requirements,
              combination,
              seed: input.seed,
            },
            { temperature: input.temperature, signal: internal.signal, attribution: input.attribution },
          ),
          internal.signal,
        );
      } catch (error) {
        if (internal.signal.aborted) throw new CancelledError();
        lastError = error;
        input.names.release(combination.name);
        continue;
      }
      let spec: PersonaSpec;
      try {
        spec = finishSpec(raw, combination, input.names, input.postProcess);
      } catch (error) {
        if (!(error instanceof ModelBehaviorError)) throw error;
        lastError = error;
        input.names.release(combination.name);
        continue;
      }
      reserved.push(spec.name);
      const persona = { spec, avatar: avatarDataUri(spec.name, input.avatarFormat) };
      results[slot] = persona;
      done += 1;
      input.onProgress?.(done, total, persona);
      return;
    }
    throw new ModelBehaviorError(
      'factory.persona_failed',
      `Made ${done} of ${total} personas; one person failed ${input.maxAttemptsPerPerson} times, replacements included (last error: ${
        lastError instanceof Error ? lastError.message : String(lastError)
      }).`,
      { cause: lastError },
    );
  };

  let next = 0;
  const worker = async () => {
    while (next < total && !internal.signal.aborted) {
      const slot = next++;
      try {
        await runSlot(slot);
      } catch (error) {
        failure ??= error as Error;
        internal.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, total)) }, worker));
    if (input.signal?.aborted) throw new CancelledError();
    if (failure) throw failure;
    return results;
  } catch (error) {
    for (const name of reserved) input.names.release(name);
    throw error;
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
}
