import type { CompactProfileTask } from '../../engine/agent/compact-profile/tasks.js';
import { withCompactProfiles } from './compact-profiles.js';
import { basename } from 'node:path';
import { AgentFileSchema, type PersonaSpec } from '../../engine/agent/persona-spec.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import { UserInputError } from '../../engine/errors.js';
import { avatarDataUri } from '../../engine/factory/avatar.js';
import { TinyPersonFactory } from '../../engine/factory/factory.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PanelRecord, Store } from '../../engine/store/ports.js';
import { describeFileIssues } from '../../personas/file-errors.js';
import { loadLibrary, mergePersona, parseAgentFile, parseFragmentFile, parseJsonText } from '../../personas/index.js';
import type { Conversation, Reply } from '../reply.js';
import { botText } from '../replies.js';
import { requirePanel, seatedPanel } from './panel-lookup.js';
import { oneLineBio } from './panel-view.js';

const EXAMPLE = '/panel add {"name":"Lisa Carter","age":28,"occupation":"Data scientist"}';

/** What `/panel add` was given, once read. */
type Addition =
  | { kind: 'persona'; spec: PersonaSpec; from: string }
  | { kind: 'fragment'; persona: Record<string, unknown>; from: string };

/**
 * `/panel add`: a persona joins the panel, or a fragment merges into every persona (TinyTroupe's
 * rules: lists concatenated without duplicates, conflicts named). The input may be JSON (an
 * `.agent.json`, a bare spec, a fragment), the name of a persona or fragment in Troupe's library
 * (`/panel add political-left`), or a one-sentence description, which the factory turns into one
 * detailed persona in a single call (`/panel add a 34-year-old nurse in Leeds who cycles to work`).
 */
export async function addToPanel(
  store: Store,
  model: LanguageModel,
  conversation: Conversation,
  text: string,
  panelName?: string,
  beforeModelCall: () => Promise<void> = async () => undefined,
  compactProfile?: readonly CompactProfileTask[],
): Promise<Reply> {
  const panel = panelName
    ? await requirePanel(store, conversation.tenantId, panelName)
    : await seatedPanel(store, conversation, '/panel add {"name":"Ada"} --panel us-parents');
  const describedPersona = async (): Promise<Addition> => {
    await beforeModelCall();
    return fromDescription(store, model, conversation, text);
  };
  const addition = text.trim().startsWith('{')
    ? fromJson(text)
    : ((await fromLibrary(text)) ?? (await describedPersona()));
  if (addition.kind === 'fragment')
    return botText(await mergeFragment(store, model, conversation.tenantId, panel, addition.persona, addition.from));
  const { spec } = addition;
  const taken = await store.listPersonaNames(conversation.tenantId);
  if (taken.some((name) => name.toLowerCase() === spec.name.toLowerCase())) {
    throw new UserInputError(
      'persona.exists',
      `A persona named "${spec.name}" already exists in this workspace; names must be unique.`,
      EXAMPLE,
    );
  }
  await store.addPersonas(
    conversation.tenantId,
    panel.id,
    await withCompactProfiles(model, [{ name: spec.name, avatar: avatarDataUri(spec.name), spec }], compactProfile, {
      tenantId: conversation.tenantId,
    }),
  );
  return botText(
    `Added ${spec.name} (${oneLineBio(spec)}) to panel "${panel.name}"${addition.from ? ` — ${addition.from}` : ''}.`,
  );
}

/** Pasted JSON, taken verbatim: an `.agent.json`, a fragment, or a bare persona with a "name". */
function fromJson(text: string): Addition {
  try {
    return readPastedJson(text);
  } catch (error) {
    // The file-level example is JSON; in the chat, show the command.
    if (error instanceof UserInputError) throw new UserInputError(error.code, error.message, EXAMPLE);
    throw error;
  }
}

function readPastedJson(text: string): Addition {
  const data = parseJsonText(text, 'The pasted JSON', EXAMPLE);
  const type = data && typeof data === 'object' ? (data as Record<string, unknown>).type : undefined;
  if (type === 'Fragment')
    return { kind: 'fragment', persona: parseFragmentFile(data, 'The pasted fragment').persona, from: '' };
  if (type === 'TinyPerson')
    return { kind: 'persona', spec: parseAgentFile(data, 'The pasted agent').persona, from: '' };
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new UserInputError(
      'persona.invalid',
      'The pasted JSON should be an object: a TinyTroupe agent ({"type": "TinyPerson", "persona": {…}}), a fragment ({"type": "Fragment", "persona": {…}}) or a bare persona with a "name".',
      EXAMPLE,
    );
  return {
    kind: 'persona',
    spec: parseAgentFile({ type: 'TinyPerson', persona: data }, 'The pasted persona').persona,
    from: '',
  };
}

/** A persona or fragment of Troupe's library, by persona name or file name (`amara-okafor`, `political-left`). */
async function fromLibrary(text: string): Promise<Addition | undefined> {
  const wanted = text.trim().toLowerCase();
  const key = (file: string) =>
    basename(file)
      .replace(/(\.agent)?(\.fragment)?\.json$/, '')
      .toLowerCase();
  const library = await loadLibrary();
  const agent = library.agents.find(
    ({ file, document }) => key(file) === wanted || document.persona.name.toLowerCase() === wanted,
  );
  if (agent) return { kind: 'persona', spec: agent.document.persona, from: 'from the Troupe library' };
  const fragment = library.fragments.find(({ file }) => key(file) === wanted);
  if (fragment)
    return {
      kind: 'fragment',
      persona: fragment.document.persona as Record<string, unknown>,
      from: `library fragment ${key(fragment.file)}`,
    };
  return undefined;
}

/** One detailed persona from a description (no sampling plan: one model call). */
async function fromDescription(
  store: Store,
  model: LanguageModel,
  conversation: Conversation,
  text: string,
): Promise<Addition> {
  const factory = new TinyPersonFactory(model, { attribution: { tenantId: conversation.tenantId } });
  const persona = await factory.createOne(text, { existingNames: await store.listPersonaNames(conversation.tenantId) });
  return { kind: 'persona', spec: persona.spec, from: `written from "${text.trim().slice(0, 80)}"` };
}

/** Merges a fragment into every persona's saved spec (memories kept). */
export async function mergeFragment(
  store: Store,
  model: LanguageModel,
  tenantId: string,
  panel: PanelRecord,
  fragment: Record<string, unknown>,
  from: string,
): Promise<string> {
  const personas = await store.listPersonas(tenantId, panel.id);
  // Merge all first, so a conflict in one persona leaves every persona unchanged.
  const merged = personas.map((persona) => {
    const state = persona.state as { spec?: PersonaSpec } | undefined;
    const current = (state?.spec ?? persona.spec) as Parameters<typeof mergePersona>[0];
    const source = from || 'the pasted fragment';
    const result = mergePersona(current, fragment as Parameters<typeof mergePersona>[1], {
      source,
      target: persona.name,
    });
    // A fragment may bring a field in a shape Troupe cannot read (beliefs as one text): say so in words.
    const document = { type: 'TinyPerson', persona: result };
    const checked = AgentFileSchema.safeParse(document);
    if (!checked.success)
      throw new UserInputError(
        'persona.fragment_invalid',
        describeFileIssues(checked.error, document, `${persona.name} after merging ${source}`),
        '/panel add {"type": "Fragment", "persona": {"beliefs": ["Buy local when possible."]}}',
      );
    return { persona, spec: checked.data.persona };
  });
  for (const { persona, spec } of merged) {
    const state = persona.state ? { ...persona.state, spec } : new TinyPerson({ spec, model }).toState();
    await store.savePersonaState(tenantId, persona.id, state, spec);
  }
  return `Merged ${from || 'the pasted fragment'} into ${personas.length} personas of panel "${panel.name}".`;
}
