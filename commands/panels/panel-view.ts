import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { occupationTitle } from '../../engine/agent/persona-spec.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PanelRecord, PersonaRecord } from '../../engine/store/ports.js';
import type { Reply } from '../reply.js';
import { syntheticLabel } from '../replies.js';

/** A one-line bio: age, occupation, residence. */
export function oneLineBio(spec: PersonaSpec): string {
  const residence = typeof spec.residence === 'string' ? spec.residence : undefined;
  const parts = [spec.age !== undefined ? `${spec.age}` : undefined, spec.gender, occupationTitle(spec), residence].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no details yet';
}

/** Counts of a categorical field, most common first: "female 3 · male 2". */
function tally(values: (string | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value.toLowerCase(), (counts.get(value.toLowerCase()) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([value, count]) => `${value} ${count}`).join(' · ');
}

/** The panel profile: size, age range and the main categories. */
export function panelProfile(personas: PersonaRecord[]): { label: string; value: string }[] {
  const ages = personas.map((persona) => Number(persona.spec.age)).filter((age) => Number.isFinite(age));
  const fields = [{ label: 'personas', value: String(personas.length) }];
  if (ages.length) fields.push({ label: 'ages', value: `${Math.min(...ages)}–${Math.max(...ages)} (median ${median(ages)})` });
  const genders = tally(personas.map((persona) => persona.spec.gender));
  if (genders) fields.push({ label: 'gender', value: genders });
  const nationalities = tally(personas.map((persona) => persona.spec.nationality));
  if (nationalities) fields.push({ label: 'nationality', value: nationalities });
  return fields;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/** The roster of a panel with one-line bios and its profile. */
export function rosterReply(panel: PanelRecord, personas: PersonaRecord[], model: Pick<LanguageModel, 'name'>): Reply {
  const profile = panelProfile(personas);
  const lines = personas.map((persona) => `• ${persona.name} — ${oneLineBio(persona.spec)}`);
  const text = [`Panel "${panel.name}" — ${panel.description}`, ...lines, profile.map((field) => `${field.label}: ${field.value}`).join(' | ')].join('\n');
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
