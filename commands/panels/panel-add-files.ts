import { UserInputError } from '../../engine/errors.js';
import { avatarDataUri } from '../../engine/factory/avatar.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { type LoadFailure, readUploads, type UploadedFile } from '../../personas/index.js';
import type { Conversation, Reply } from '../reply.js';
import { botText } from '../replies.js';
import { mergeFragment } from './panel-add.js';
import { requirePanel, seatedPanel } from './panel-lookup.js';
import { oneLineBio } from './panel-view.js';

const EXAMPLE = '/panel add (with Lisa.agent.json, a fragment or a .zip of them attached)';

/**
 * `/panel add` with files attached (or, in the local chat, a path): every `.agent.json` joins the
 * panel, then every fragment merges into every persona; zips are unpacked. A bad file is reported
 * by name and field and the others still go in ("Read 3 of 4 files; Bob.agent.json: …").
 *
 * @example
 *   await addFilesToPanel(store, model, conversation, [{ name: 'Lisa.agent.json', bytes }]);
 */
export async function addFilesToPanel(
  store: Store,
  model: LanguageModel,
  conversation: Conversation,
  files: readonly UploadedFile[],
  panelName?: string,
): Promise<Reply> {
  const panel = panelName
    ? await requirePanel(store, conversation.tenantId, panelName)
    : await seatedPanel(store, conversation, '/panel add --panel us-parents (with files attached)');
  const contents = await readUploads(files);
  const failures: LoadFailure[] = [...contents.failures];
  const taken = new Set((await store.listPersonaNames(conversation.tenantId)).map((name) => name.toLowerCase()));
  const added: string[] = [];
  const inUpload = new Map<string, string>();
  for (const content of contents.personas) {
    if (content.kind !== 'agent') continue;
    const spec = content.document.persona;
    const key = spec.name.toLowerCase();
    if (taken.has(key)) {
      const where = inUpload.has(key)
        ? `is already in this upload (${inUpload.get(key)})`
        : 'already exists in this workspace';
      failures.push({
        file: content.source,
        message: `${content.source}: a persona named "${spec.name}" ${where}; names must be unique.`,
      });
      continue;
    }
    taken.add(key);
    inUpload.set(key, content.source);
    await store.addPersonas(conversation.tenantId, panel.id, [
      { name: spec.name, avatar: avatarDataUri(spec.name), spec },
    ]);
    added.push(`${spec.name} (${oneLineBio(spec)})`);
  }
  const merged: string[] = [];
  for (const content of contents.personas) {
    if (content.kind !== 'fragment') continue;
    try {
      await mergeFragment(store, model, conversation.tenantId, panel, content.document.persona, content.source);
      merged.push(content.source);
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      failures.push({ file: content.source, message: `${content.source}: ${error.message}` });
    }
  }
  const total = contents.personas.length + contents.failures.length + contents.demographies.length;
  const used = added.length + merged.length;
  const demographies = contents.demographies.map((entry) => entry.source);
  if (!used) {
    const why = failures.length
      ? failures.map((failure) => failure.message.replace(/\.$/, '')).join('; ')
      : demographies.length
        ? `${demographies.join(', ')} ${demographies.length > 1 ? 'are demography documents' : 'is a demography document'}; use it with /panel create <n> --demography ${demographies[0]}`
        : 'there is no .agent.json, .fragment.json or .zip of them among the files';
    throw new UserInputError('upload.nothing', `Nothing was added to panel "${panel.name}": ${why}.`, EXAMPLE);
  }
  const lines = [
    added.length
      ? `Added ${added.length} persona${added.length > 1 ? 's' : ''} to panel "${panel.name}": ${added.join('; ')}.`
      : '',
    merged.length ? `Merged ${merged.join(', ')} into every persona of panel "${panel.name}".` : '',
    failures.length || used < total
      ? `Read ${used} of ${total} files; ${failures.map((failure) => failure.message.replace(/\.$/, '')).join('; ')}.`
      : '',
    demographies.length
      ? `${demographies.join(', ')}: a demography document; use it with /panel create <n> --demography ${demographies[0]}.`
      : '',
  ];
  return botText(lines.filter(Boolean).join('\n'));
}
