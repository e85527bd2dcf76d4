import type { ChatMessage } from '../llm/port.js';
import type { Combination, SamplingDimension } from './types.js';

/**
 * Prompt templates of the factory, one per task. Stable text (instructions, population) comes
 * first and what changes per call (the combination, the name) last, so providers can cache the prefix.
 */

export interface PopulationBrief {
  description: string;
  demographyJson?: string;
  context?: string;
  requirements: string[];
}

function populationSection(brief: PopulationBrief): string {
  const parts = [`Population: ${brief.description}`];
  if (brief.demographyJson) parts.push(`Demography document (use its distributions):\n${brief.demographyJson}`);
  if (brief.context) parts.push(`Context: ${brief.context}`);
  if (brief.requirements.length)
    parts.push(`Every person must have these characteristics:\n- ${brief.requirements.join('\n- ')}`);
  return parts.join('\n\n');
}

const DIMENSIONS_SYSTEM = `You design the sampling space of a synthetic population for market and social research.
Return the dimensions along which people of the population differ. Always cover personality, beliefs,
finances, tastes and culture, plus age, gender, location and occupation where they vary. Each dimension
has either a list of values, a numeric range {min, max}, or a distribution of values with proportions
summing to 1 (use distributions whenever the population's make-up is known). Stay faithful to the
population: if everyone is a nurse, occupation has the single value "Nurse".`;

export function dimensionsMessages(brief: PopulationBrief): ChatMessage[] {
  return [
    { role: 'system', content: DIMENSIONS_SYSTEM },
    { role: 'user', content: populationSection(brief) },
  ];
}

const PLAN_SYSTEM = `You plan how to sample a synthetic population. Given its sampling dimensions, split the
requested number of people into sub-populations. Each has a short description, one value per
dimension (sampled_values; for a range give a narrower range like "30-39" or a number) and a quantity.
Follow the distributions, make sub-populations diverse, and make the quantities sum exactly to the
requested number.`;

export function planMessages(brief: PopulationBrief, dimensions: SamplingDimension[], count: number): ChatMessage[] {
  return [
    { role: 'system', content: PLAN_SYSTEM },
    {
      role: 'user',
      content: `${populationSection(brief)}\n\nDimensions:\n${JSON.stringify(dimensions, null, 1)}\n\nNumber of people: ${count}`,
    },
  ];
}

const SAMPLING_SYSTEM = `${DIMENSIONS_SYSTEM}

Then, in the same answer, plan how to sample the population over exactly those dimensions: split the
requested number of people into sub-populations. Each has a short description, one value for every
dimension (sampled_values, naming the dimension; for a range give a narrower range like "30-39" or a
number) and a quantity. Follow the distributions, make sub-populations diverse, and make the
quantities sum exactly to the requested number.`;

/** Dimensions and plan in one call (no demography document): the dimensions first, then a plan over them. */
export function samplingMessages(brief: PopulationBrief, count: number): ChatMessage[] {
  return [
    { role: 'system', content: SAMPLING_SYSTEM },
    { role: 'user', content: `${populationSection(brief)}\n\nNumber of people: ${count}` },
  ];
}

const PERSONA_SYSTEM = `You write one detailed, realistic persona of a synthetic population, in the TinyTroupe
persona format. Fill every field with specific, concrete, mutually consistent content: age, gender,
nationality, residence, education, long-term goals, occupation (title, organization, description),
speaking style, personality (traits and the Big Five, each starting with "High.", "Medium." or "Low."
followed by a short explanation), preferences (interests, likes, dislikes), skills, beliefs, behaviours
(general habits and daily routines), health, relationships (named people and who they are) and other
facts (finances, history, culture). Avoid stereotypes and bland, generic statements: this person
should feel like someone you could meet. Use exactly the name you are given.`;

export function personaSystemMessage(brief: PopulationBrief): ChatMessage {
  // The demography document already shaped the combination; repeating it N times would only cost tokens.
  return {
    role: 'system',
    content: `${PERSONA_SYSTEM}\n\n${populationSection({ ...brief, demographyJson: undefined })}`,
  };
}

export function personaMessages(brief: PopulationBrief, combination: Combination): ChatMessage[] {
  const values = Object.entries(combination.sampled_values)
    .map(([key, value]) => `- ${key}: ${value}`)
    .join('\n');
  return [
    personaSystemMessage(brief),
    {
      role: 'user',
      content: `Sub-population: ${combination.subpopulation_description}\nThis person's characteristics:\n${values}\n\nName: ${combination.name}`,
    },
  ];
}

/** A one-off persona from a single description (no sampling plan). */
export function singlePersonaMessages(brief: PopulationBrief, name: string): ChatMessage[] {
  return [
    personaSystemMessage(brief),
    { role: 'user', content: `Write this person: ${brief.description}\n\nName: ${name}` },
  ];
}
