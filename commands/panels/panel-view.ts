import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { occupationTitle } from '../../engine/agent/persona-spec.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { profilePanel } from '../../engine/factory/index.js';
import type { PanelRecord, PersonaRecord } from '../../engine/store/ports.js';
import type { Reply } from '../reply.js';
import { syntheticLabel } from '../replies.js';

/**
 * A one-line bio: age, gender, occupation and residence, then a first trait and interest, so a
 * roster reads as different people rather than a demographic table.
 *
 * @example
 *   oneLineBio(lisa) // '28, Female, Data Scientist, USA — curious and love to learn new things; into cooking'
 */
export function oneLineBio(spec: PersonaSpec): string {
  const residence = typeof spec.residence === 'string' ? spec.residence : undefined;
  const parts = [
    spec.age !== undefined ? `${spec.age}` : undefined,
    spec.gender,
    occupationTitle(spec),
    residence,
  ].filter(Boolean);
  const trait = spec.personality?.traits?.[0]?.replace(/^you are\s+/i, '').replace(/[.!]+$/, '');
  const interest = spec.preferences?.interests?.[0]?.replace(/[.!]+$/, '');
  const character = [trait && clip(trait, 60), interest && `into ${clip(lowerFirst(interest), 40)}`]
    .filter(Boolean)
    .join('; ');
  const facts = parts.length ? parts.join(', ') : 'no details yet';
  return character ? `${facts} — ${character}` : facts;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Lower-cases a leading capital unless the word looks like a name or acronym ("Python", "AI"). */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]+\b/.test(text) && !/^(?:I|Python|Java|English|French|Spanish|Sunday|Christmas)\b/.test(text)
    ? text[0].toLowerCase() + text.slice(1)
    : text;
}

/**
 * The panel profile (the factory's `profilePanel`): per dimension, the most common values with
 * counts and shares, weighted shares too when the panel was aligned.
 */
export function panelProfile(
  personas: PersonaRecord[],
  weightsById?: Record<string, number>,
): { label: string; value: string }[] {
  const weights = weightsById ? personas.map((persona) => weightsById[persona.id] ?? 1) : undefined;
  const profile = profilePanel(
    personas.map((persona) => persona.spec),
    { weights },
  );
  const fields = [{ label: 'personas', value: String(personas.length) }];
  for (const dimension of profile) {
    const rows = dimension.rows.filter((row) => row.value !== 'unknown');
    if (!rows.length) continue;
    const shown = rows
      .slice(0, 5)
      .map(
        (row) =>
          `${row.value} ${row.count}${row.weightedShare !== undefined ? ` (weighted ${Math.round(row.weightedShare * 100)}%)` : ''}`,
      );
    fields.push({
      label: dimension.dimension.replace('_', ' '),
      value: `${shown.join(' · ')}${rows.length > 5 ? ' · …' : ''}`,
    });
  }
  return fields;
}

/** The roster of a panel with one-line bios and its profile. */
export function rosterReply(panel: PanelRecord, personas: PersonaRecord[], model: Pick<LanguageModel, 'name'>): Reply {
  const profile = panelProfile(personas, panel.weights);
  const lines = personas.map((persona) => `• ${persona.name} — ${oneLineBio(persona.spec)}`);
  const text = [
    `Panel "${panel.name}" — ${panel.description}`,
    ...lines,
    profile
      .slice(0, 4)
      .map((field) => `${field.label}: ${field.value}`)
      .join(' | '),
  ].join('\n');
  return {
    kind: 'text',
    text,
    speaker: { kind: 'bot' },
    blocks: [
      { kind: 'section', text: `Panel "${panel.name}" — ${panel.description}` },
      {
        kind: 'roster',
        people: personas.map((persona) => ({
          name: persona.name,
          avatar: persona.avatar,
          bio: oneLineBio(persona.spec),
        })),
      },
      { kind: 'fields', fields: profile },
      syntheticLabel(model, 'Synthetic personas'),
    ],
  };
}
