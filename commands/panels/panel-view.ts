import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { occupationTitle } from '../../engine/agent/persona-spec.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { profilePanel } from '../../engine/factory/index.js';
import type { PanelRecord, PersonaRecord } from '../../engine/store/ports.js';
import type { Reply } from '../reply.js';
import { syntheticLabel } from '../replies.js';

/** A one-line bio: age, occupation, residence. */
export function oneLineBio(spec: PersonaSpec): string {
  const residence = typeof spec.residence === 'string' ? spec.residence : undefined;
  const parts = [spec.age !== undefined ? `${spec.age}` : undefined, spec.gender, occupationTitle(spec), residence].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no details yet';
}

/**
 * The panel profile (the factory's `profilePanel`): per dimension, the most common values with
 * counts and shares, weighted shares too when the panel was aligned.
 */
export function panelProfile(personas: PersonaRecord[], weightsById?: Record<string, number>): { label: string; value: string }[] {
  const weights = weightsById ? personas.map((persona) => weightsById[persona.id] ?? 1) : undefined;
  const profile = profilePanel(personas.map((persona) => persona.spec), { weights });
  const fields = [{ label: 'personas', value: String(personas.length) }];
  for (const dimension of profile) {
    const rows = dimension.rows.filter((row) => row.value !== 'unknown');
    if (!rows.length) continue;
    const shown = rows.slice(0, 5).map((row) => `${row.value} ${row.count}${row.weightedShare !== undefined ? ` (weighted ${Math.round(row.weightedShare * 100)}%)` : ''}`);
    fields.push({ label: dimension.dimension.replace('_', ' '), value: `${shown.join(' · ')}${rows.length > 5 ? ' · …' : ''}` });
  }
  return fields;
}

/** The roster of a panel with one-line bios and its profile. */
export function rosterReply(panel: PanelRecord, personas: PersonaRecord[], model: Pick<LanguageModel, 'name'>): Reply {
  const profile = panelProfile(personas, panel.weights);
  const lines = personas.map((persona) => `• ${persona.name} — ${oneLineBio(persona.spec)}`);
  const text = [`Panel "${panel.name}" — ${panel.description}`, ...lines, profile.slice(0, 4).map((field) => `${field.label}: ${field.value}`).join(' | ')].join('\n');
  return {
    kind: 'text',
    text,
    speaker: { kind: 'bot' },
    blocks: [
      { kind: 'section', text: `Panel "${panel.name}" — ${panel.description}` },
      { kind: 'roster', people: personas.map((persona) => ({ name: persona.name, avatar: persona.avatar, bio: oneLineBio(persona.spec) })) },
      { kind: 'fields', fields: profile },
      syntheticLabel(model, 'Synthetic personas'),
    ],
  };
}
