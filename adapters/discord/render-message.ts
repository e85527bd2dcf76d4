import type { Block, Reply } from '../../commands/reply.js';
import { escapeMentions, NO_MENTIONS } from './escape-mentions.js';

/** The JSON body of a Discord message Troupe sends (create, edit, webhook execute or interaction reply). */
export interface DiscordMessageBody {
  content: string;
  embeds?: Record<string, unknown>[];
  components?: Record<string, unknown>[];
  allowed_mentions: { parse: [] };
}

/** The buttons of a panel card; each id is handled in `listeners.ts` (ask and poll open modals). */
export const PANEL_BUTTONS = [
  { id: 'ask', label: 'Ask' },
  { id: 'poll', label: 'Poll' },
  { id: 'brainstorm', label: 'Brainstorm' },
  { id: 'summarize', label: 'Summarize' },
  { id: 'export', label: 'Export' },
] as const;

/** The prefix of every Troupe button's `custom_id`: `troupe:<id>:<value>`. */
export const BUTTON_PREFIX = 'troupe:';

const MAX_CONTENT = 2000;
const MAX_DESCRIPTION = 4096;
const EMBED_COLOR = 0x7c5cff;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A button component (style 1 = primary, 2 = secondary). */
function button(id: string, label: string, value?: string, style = 2): Record<string, unknown> {
  return {
    type: 2,
    style,
    label: clip(label, 80),
    custom_id: clip(`${BUTTON_PREFIX}${id}:${value ?? ''}`, 100),
  };
}

/** Buttons as action rows of at most five. */
function rows(buttons: Record<string, unknown>[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let start = 0; start < buttons.length && out.length < 5; start += 5)
    out.push({ type: 1, components: buttons.slice(start, start + 5) });
  return out;
}

function tableText(columns: string[], body: string[][]): string {
  const all = [columns, ...body].map((row) => row.map((cell) => cell.replace(/\s+/g, ' ').slice(0, 40)));
  const widths = columns.map((_, index) => Math.max(...all.map((row) => (row[index] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, index) => (cell ?? '').padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  return ['```', ...all.map(line), '```'].join('\n');
}

/** True for the reply that shows a panel (its roster): rendered as the panel card. */
export function isPanelCard(reply: Reply): boolean {
  return reply.kind === 'text' && Boolean(reply.blocks?.some((block) => block.kind === 'roster'));
}

/** One embed from a reply's blocks: sections and tables in the description, fields, roster lines, context as footer. */
function embedOf(blocks: Block[], fallback: string): Record<string, unknown> {
  const description: string[] = [];
  const fields: { name: string; value: string; inline: boolean }[] = [];
  const footer: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'section') description.push(escapeMentions(block.text));
    if (block.kind === 'table') description.push(escapeMentions(tableText(block.columns, block.rows)));
    if (block.kind === 'context') footer.push(escapeMentions(block.text));
    if (block.kind === 'fields')
      for (const field of block.fields)
        fields.push({
          name: clip(escapeMentions(field.label), 256) || '—',
          value: clip(escapeMentions(field.value), 1024) || '—',
          inline: true,
        });
    if (block.kind === 'roster') {
      const shown = block.people.slice(0, 30);
      description.push(
        shown.map((person) => `**${escapeMentions(person.name)}** — ${escapeMentions(person.bio)}`).join('\n'),
      );
      if (block.people.length > shown.length) description.push(`…and ${block.people.length - shown.length} more`);
    }
  }
  return {
    color: EMBED_COLOR,
    description: clip(description.join('\n\n') || escapeMentions(fallback), MAX_DESCRIPTION),
    ...(fields.length ? { fields: fields.slice(0, 25) } : {}),
    ...(footer.length ? { footer: { text: clip(footer.join(' · '), 2048) } } : {}),
  };
}

/**
 * Renders a text or confirm reply as a Discord message: plain content when it has no blocks, an
 * embed otherwise. A panel card (a roster reply) gets a "Synthetic panel" title and the [Ask]
 * [Poll] [Brainstorm] [Summarize] [Export] buttons; a confirmation gets a [Run it] button. Text
 * from the model or the user can never ping anyone (escaped, and `allowed_mentions` empty).
 *
 * @example
 *   renderMessage({ kind: 'text', text: 'hi @everyone' }) // { content: 'hi @\u200beveryone', allowed_mentions: { parse: [] } }
 */
export function renderMessage(reply: Reply): DiscordMessageBody {
  if (reply.kind === 'confirm')
    return {
      content: clip(escapeMentions(reply.text), MAX_CONTENT),
      components: rows([button('confirm', 'Run it', reply.confirmId, 1)]),
      allowed_mentions: NO_MENTIONS,
    };
  if (reply.kind === 'progress')
    return { content: clip(escapeMentions(reply.text), MAX_CONTENT), allowed_mentions: NO_MENTIONS };
  if (reply.kind !== 'text')
    return {
      content: clip(escapeMentions('title' in reply ? (reply.title ?? '') : ''), MAX_CONTENT),
      allowed_mentions: NO_MENTIONS,
    };
  const blocks = reply.blocks ?? [];
  const persona = reply.speaker?.kind === 'persona';
  if (persona || !blocks.length) {
    // Persona answers stay plain text (as people write); their synthetic label goes in a small line below.
    const label = blocks.filter((block) => block.kind === 'context').map((block) => (block as { text: string }).text);
    const suffix = persona ? `\n-# ${escapeMentions(label.join(' · ') || 'Synthetic persona')}` : '';
    return {
      content: clip(escapeMentions(reply.text), MAX_CONTENT - suffix.length) + suffix,
      allowed_mentions: NO_MENTIONS,
    };
  }
  const embed = embedOf(blocks, reply.text);
  const buttons = blocks.flatMap((block) =>
    block.kind === 'actions' ? block.buttons.map((entry) => button(entry.id, entry.label, entry.value)) : [],
  );
  if (isPanelCard(reply)) {
    embed.title = '🎭 Synthetic panel — simulated personas, not real people';
    if (!buttons.length) buttons.push(...PANEL_BUTTONS.map((entry) => button(entry.id, entry.label)));
  }
  return {
    content: '',
    embeds: [embed],
    ...(buttons.length ? { components: rows(buttons) } : {}),
    allowed_mentions: NO_MENTIONS,
  };
}

/** Splits a button's `custom_id` back into its id and value (`troupe:confirm:a1b2` → confirm, a1b2). */
export function parseButtonId(customId: string): { id: string; value?: string } | undefined {
  if (!customId.startsWith(BUTTON_PREFIX)) return undefined;
  const rest = customId.slice(BUTTON_PREFIX.length);
  const colon = rest.indexOf(':');
  const id = colon < 0 ? rest : rest.slice(0, colon);
  const value = colon < 0 ? '' : rest.slice(colon + 1);
  return { id, ...(value ? { value } : {}) };
}
