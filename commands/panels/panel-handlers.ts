import { z } from 'zod';
import { PersonaSpecSchema, AgentFileSchema, FragmentFileSchema, type PersonaSpec } from '../../engine/agent/persona-spec.js';
import { UserInputError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PanelRecord, Store } from '../../engine/store/ports.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import { avatarDataUri } from '../../engine/factory/avatar.js';
import { didYouMean } from '../grammar/suggest.js';
import type { Conversation, Reply } from '../reply.js';
import { botText } from '../replies.js';
import { oneLineBio, rosterReply } from './panel-view.js';

/** Finds a panel by name, or fails with the closest names. */
export async function requirePanel(store: Store, tenantId: string, name: string): Promise<PanelRecord> {
  const panel = (await store.getPanel(tenantId, name)) ?? (await store.listPanels(tenantId)).find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (panel) return panel;
  const names = (await store.listPanels(tenantId)).map((candidate) => candidate.name);
  const known = names.length ? ` Panels: ${names.slice(0, 10).join(', ')}.` : ' There are no panels yet.';
  throw new UserInputError('panel.not-found', `No panel "${name}".${didYouMean(name, names) || known}`, names.length ? `/panel show ${names[0]}` : '/panel create 5 US parents of toddlers');
}

/** A free name derived from a description: "us-parents-of", then "-2", "-3"… */
export async function derivePanelName(store: Store, tenantId: string, description: string): Promise<string> {
  const base =
    description
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 3)
      .join('-')
      .slice(0, 30) || 'panel';
  const taken = new Set((await store.listPanels(tenantId)).map((panel) => panel.name.toLowerCase()));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

export async function listPanels(store: Store, tenantId: string): Promise<Reply> {
  const panels = await store.listPanels(tenantId);
  if (!panels.length) return botText('No panels yet. Create one: /panel create 5 US parents of toddlers');
  const rows = await Promise.all(panels.map(async (panel) => [panel.name, String((await store.listPersonas(tenantId, panel.id)).length), panel.description]));
  return botText(['Panels:', ...rows.map(([name, count, description]) => `• ${name} (${count} personas) — ${description}`)].join('\n'), {
    blocks: [{ kind: 'table', columns: ['panel', 'personas', 'description'], rows }],
  });
}

export async function showPanel(store: Store, model: LanguageModel, tenantId: string, name: string): Promise<Reply> {
  const panel = await requirePanel(store, tenantId, name);
  return rosterReply(panel, await store.listPersonas(tenantId, panel.id), model);
}

export async function deletePanel(store: Store, tenantId: string, name: string): Promise<Reply> {
  const panel = await requirePanel(store, tenantId, name);
  await store.deletePanel(tenantId, panel.name);
  return botText(`Deleted panel "${panel.name}", its personas and their memories.`);
}

export async function seatPanel(store: Store, conversation: Conversation, name: string): Promise<Reply> {
  const panel = await requirePanel(store, conversation.tenantId, name);
  await store.seatPanel(conversation.tenantId, conversation.channelKey, panel.id);
  return botText(`Panel "${panel.name}" is now seated in this channel: its personas will remember everything said here. Ask it something: /panel ask "…"`);
}

const PersonaInput = z.union([AgentFileSchema, FragmentFileSchema, PersonaSpecSchema]);

/** `/panel add`: a persona (agent file or bare spec) joins the panel; a fragment merges into every persona. */
export async function addToPanel(store: Store, model: LanguageModel, conversation: Conversation, text: string, panelName?: string): Promise<Reply> {
  const example = '/panel add {"name":"Lisa Carter","age":28,"occupation":"Data scientist"}';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UserInputError('persona.json', 'The persona must be JSON (a TinyTroupe .agent.json, a bare persona with a "name", or a {"type":"Fragment"} file).', example);
  }
  const parsed = PersonaInput.safeParse(raw);
  if (!parsed.success) throw new UserInputError('persona.invalid', `That is not a valid persona: ${parsed.error.issues[0]?.path.join('.') || 'value'} ${parsed.error.issues[0]?.message}.`, example);
  const panel = panelName ? await requirePanel(store, conversation.tenantId, panelName) : await seatedPanel(store, conversation);
  const value = parsed.data as Record<string, unknown>;
  if (value.type === 'Fragment') return botText(await mergeFragment(store, model, conversation.tenantId, panel, value.persona as Record<string, unknown>));
  const spec = (value.type === 'TinyPerson' ? value.persona : value) as PersonaSpec;
  const taken = await store.listPersonaNames(conversation.tenantId);
  if (taken.some((name) => name.toLowerCase() === spec.name.toLowerCase())) {
    throw new UserInputError('persona.exists', `A persona named "${spec.name}" already exists in this workspace; names must be unique.`, example);
  }
  await store.addPersonas(conversation.tenantId, panel.id, [{ name: spec.name, avatar: avatarDataUri(spec.name), spec }]);
  return botText(`Added ${spec.name} (${oneLineBio(spec)}) to panel "${panel.name}".`);
}

async function seatedPanel(store: Store, conversation: Conversation): Promise<PanelRecord> {
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const panel = world && (await store.getPanelById(conversation.tenantId, world.panelId));
  if (!panel) throw new UserInputError('panel.not-seated', 'No panel is seated in this channel; name one with --panel.', '/panel add {"name":"Ada"} --panel us-parents');
  return panel;
}

/**
 * Fragments merge into every persona's spec: lists are concatenated, objects merged, scalars
 * replaced. The merged spec goes into each persona's saved state (memories kept).
 */
async function mergeFragment(store: Store, model: LanguageModel, tenantId: string, panel: PanelRecord, fragment: Record<string, unknown>): Promise<string> {
  const personas = await store.listPersonas(tenantId, panel.id);
  for (const persona of personas) {
    const merged = PersonaSpecSchema.parse(deepMerge(persona.spec as Record<string, unknown>, fragment));
    const state = persona.state ? { ...persona.state, spec: merged } : new TinyPerson({ spec: merged, model }).toState();
    await store.savePersonaState(tenantId, persona.id, state);
  }
  return `Merged the fragment into ${personas.length} personas of panel "${panel.name}".`;
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    if (Array.isArray(current) && Array.isArray(value)) result[key] = [...current, ...value];
    else if (isObject(current) && isObject(value)) result[key] = deepMerge(current, value);
    else result[key] = value;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
