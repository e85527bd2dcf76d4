import { z } from 'zod';
import { derivePanelName } from '../../../commands/panels/panel-handlers.js';
import { UserInputError } from '../../../engine/errors.js';
import type { UploadedFile } from '../../../personas/uploads.js';
import { TENANT_CHANNEL, panelChannel, quote } from '../panel-channels.js';
import { botText, provenanceLabel } from '../reply-content.js';
import { defineTool, jobOf, jobOutput, type ToolContext } from '../tool-declaration.js';

const panelName = z.string().min(1).max(40).describe('The panel name, as list_panels shows it (e.g. "us-parents")');

const personaRef = z.object({ id: z.string(), name: z.string(), uri: z.string() });

/** The personas of a panel with their resource URIs (`troupe://personas/{id}`). */
async function personasOf(context: ToolContext, panel: string) {
  const record = await context.store.getPanel(context.tenantId, panel);
  if (!record) return [];
  return (await context.store.listPersonas(context.tenantId, record.id)).map((persona) => ({
    id: persona.id,
    name: persona.name,
    uri: `troupe://personas/${persona.id}`,
  }));
}

const panelUri = (name: string) => `troupe://panels/${encodeURIComponent(name)}`;

/** `/panel create`: samples a panel and seats it in its own channel. */
export const createPanel = defineTool({
  name: 'create_panel',
  title: 'Create a synthetic panel',
  description:
    'Samples `count` synthetic personas from a description (or a built-in demography document) and saves them as a panel. Runs as a job: progress is reported, and it can be cancelled.',
  input: {
    count: z.number().int().min(1).describe('How many personas'),
    description: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('Who is in the panel, e.g. "nurses in Lagos who commute by bus"'),
    name: panelName.optional().describe('The panel name (derived from the description when left out)'),
    demography: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe('Sample from a built-in demography document: usa, brazil, china, norway or scandinavia'),
    align: z
      .record(z.string(), z.record(z.string(), z.number()))
      .optional()
      .describe('Target marginals to rake the panel to, e.g. {"gender":{"Female":0.5,"Male":0.5}}'),
  },
  output: {
    panel: z.string(),
    uri: z.string(),
    personas: z.array(personaRef),
    text: z.string(),
    ...jobOutput,
  },
  async command(args, context) {
    if (!args.description && !args.demography)
      throw new UserInputError(
        'mcp.create',
        'Say who is in the panel: give a description, or a demography.',
        '{"count": 5, "description": "US parents of toddlers"}',
      );
    const name =
      args.name ?? (await derivePanelName(context.store, context.tenantId, args.description ?? args.demography ?? ''));
    const words = [`/panel create ${args.count}`];
    if (args.description) words.push(quote(args.description));
    words.push(`--name ${quote(name)}`);
    if (args.demography) words.push(`--demography ${quote(args.demography)}`);
    if (args.align) words.push(`--align ${quote(JSON.stringify(args.align))}`);
    return { channelKey: panelChannel(name), text: words.join(' ') };
  },
  async result(run, args, context) {
    const name =
      (run.job?.input.panelName as string | undefined) ??
      args.name ??
      (await derivePanelName(context.store, context.tenantId, args.description ?? ''));
    return {
      structured: {
        panel: name,
        uri: panelUri(name),
        personas: await personasOf(context, name),
        text: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});

/** `/panel list`. */
export const listPanels = defineTool({
  name: 'list_panels',
  title: 'List panels',
  description: 'The panels of this tenant, with their size and description.',
  readOnly: true,
  input: {},
  output: {
    panels: z.array(z.object({ name: z.string(), personas: z.number(), description: z.string(), uri: z.string() })),
  },
  command: async () => ({ channelKey: TENANT_CHANNEL, text: '/panel list' }),
  async result(run) {
    const table = run.replies.flatMap(({ reply }) =>
      reply.kind === 'text' ? (reply.blocks ?? []).filter((block) => block.kind === 'table') : [],
    )[0];
    const rows = table?.kind === 'table' ? table.rows : [];
    return {
      structured: {
        panels: rows.map(([name, personas, description]) => ({
          name,
          personas: Number(personas),
          description,
          uri: panelUri(name),
        })),
      },
    };
  },
});

/** `/panel show <name>`. */
export const showPanel = defineTool({
  name: 'show_panel',
  title: 'Show a panel',
  description: 'A panel’s roster with one-line bios and its profile.',
  readOnly: true,
  input: { panel: panelName },
  output: {
    panel: z.string(),
    uri: z.string(),
    personas: z.array(
      z.object({ name: z.string(), bio: z.string(), id: z.string().optional(), uri: z.string().optional() }),
    ),
    text: z.string(),
  },
  command: async (args) => ({ channelKey: TENANT_CHANNEL, text: `/panel show ${quote(args.panel)}` }),
  async result(run, args, context) {
    const roster = run.replies.flatMap(({ reply }) =>
      reply.kind === 'text' ? (reply.blocks ?? []).filter((block) => block.kind === 'roster') : [],
    )[0];
    const refs = new Map((await personasOf(context, args.panel)).map((ref) => [ref.name, ref]));
    const people = roster?.kind === 'roster' ? roster.people : [];
    return {
      structured: {
        panel: args.panel,
        uri: panelUri(args.panel),
        personas: people.map((person) => ({
          name: person.name,
          bio: person.bio,
          ...(refs.get(person.name) ? { id: refs.get(person.name)!.id, uri: refs.get(person.name)!.uri } : {}),
        })),
        text: botText(run.replies),
      },
    };
  },
});

const tinyTroupeDocument = z
  .record(z.string(), z.unknown())
  .describe(
    'A TinyTroupe document: {"type":"TinyPerson","persona":{…}}, a fragment {"type":"Fragment","persona":{…}}, or a bare persona {"name":…}',
  );

/** `/panel add` with TinyTroupe documents (as files), a description or a library name. */
export const addPersonas = defineTool({
  name: 'add_personas',
  title: 'Add personas to a panel',
  description:
    'Adds TinyTroupe agents (or merges TinyTroupe fragments into every persona), or one persona written from a description, or a library persona, to a panel.',
  input: {
    panel: panelName,
    personas: z.array(tinyTroupeDocument).min(1).max(200).optional(),
    description: z.string().min(1).max(1000).optional().describe('One persona from a sentence (one model call)'),
    library: z.string().min(1).max(80).optional().describe('A library persona, e.g. "amara-okafor"'),
  },
  output: { panel: z.string(), text: z.string(), personas: z.array(personaRef) },
  async command(args, context) {
    const given = [args.personas, args.description, args.library].filter((value) => value !== undefined);
    if (given.length !== 1)
      throw new UserInputError(
        'mcp.add',
        'Give exactly one of personas (TinyTroupe JSON documents), description or library.',
        '{"panel": "us-parents", "personas": [{"type": "TinyPerson", "persona": {"name": "Lisa Carter", "age": 28}}]}',
      );
    const channelKey = await context.channels.seated(context.tenantId, args.panel);
    const panelFlag = `--panel ${quote(args.panel)}`;
    if (args.personas) return { channelKey, text: `/panel add ${panelFlag}`, files: args.personas.map(asFile) };
    return { channelKey, text: `/panel add ${quote((args.description ?? args.library)!)} ${panelFlag}` };
  },
  async result(run, args, context) {
    return {
      structured: { panel: args.panel, text: botText(run.replies), personas: await personasOf(context, args.panel) },
    };
  },
});

/** A TinyTroupe document as the file the chat's uploads would carry. */
function asFile(document: Record<string, unknown>, index: number): UploadedFile {
  const persona = (document.persona ?? document) as { name?: unknown };
  const base = typeof persona.name === 'string' && persona.name.trim() ? persona.name.trim() : `persona-${index + 1}`;
  const suffix = document.type === 'Fragment' ? 'fragment' : 'agent';
  return { name: `${base}.${suffix}.json`, bytes: new TextEncoder().encode(JSON.stringify(document, null, 4)) };
}
