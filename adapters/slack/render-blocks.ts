import type { Block, Reply } from '../../commands/reply.js';
import { safeChatText } from '../../commands/safe-text.js';

/** A Block Kit block as plain JSON (the subset Troupe renders). */
export type SlackBlock = Record<string, unknown>;

/** How a roster person's avatar appears in Block Kit: an image URL, or an emoji when there is no public URL. */
export type AvatarLookup = (person: { name: string; avatar?: string }) => { imageUrl?: string; emoji: string };

/** The buttons of a panel card; each action id is handled in `interactions.ts`. */
export const PANEL_BUTTONS = [
  { id: 'ask', label: 'Ask' },
  { id: 'poll', label: 'Poll' },
  { id: 'brainstorm', label: 'Brainstorm' },
  { id: 'summarize', label: 'Summarize' },
  { id: 'export', label: 'Export' },
] as const;

/** The prefix of every Troupe button's `action_id` (`troupe_ask`, `troupe_confirm`, …). */
export const ACTION_PREFIX = 'troupe_';

const MAX_TEXT = 2900;
const MAX_BLOCKS = 48;

/** Slack's mrkdwn and fallback text both go through the shared rule (`safeChatText`). */
export const escapeMrkdwn = safeChatText;

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(escapeMrkdwn(text)) });

/** A table as an aligned monospace block (Block Kit has no general table). */
function tableText(columns: string[], rows: string[][]): string {
  const all = [columns, ...rows].map((row) => row.map((cell) => cell.replace(/\s+/g, ' ').slice(0, 60)));
  const widths = columns.map((_, index) => Math.max(...all.map((row) => (row[index] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, index) => (cell ?? '').padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  return ['```', line(all[0]), ...all.slice(1).map(line), '```'].join('\n');
}

function renderBlock(block: Block, avatar: AvatarLookup): SlackBlock[] {
  switch (block.kind) {
    case 'section':
      return [{ type: 'section', text: mrkdwn(block.text) }];
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(block.text)] }];
    case 'fields': {
      const chunks: SlackBlock[] = [];
      for (let start = 0; start < block.fields.length; start += 10) {
        const fields = block.fields.slice(start, start + 10).map((field) => ({
          type: 'mrkdwn',
          text: clip(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, 1900),
        }));
        chunks.push({ type: 'section', fields });
      }
      return chunks;
    }
    case 'table':
      return [
        { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(tableText(block.columns, block.rows))) } },
      ];
    case 'roster': {
      const shown = block.people.slice(0, 30);
      const blocks: SlackBlock[] = shown.map((person) => {
        const look = avatar(person);
        const label = mrkdwn(`${look.imageUrl ? '' : `:${look.emoji}: `}*${person.name}* — ${person.bio}`);
        return {
          type: 'context',
          elements: look.imageUrl
            ? [{ type: 'image', image_url: look.imageUrl, alt_text: person.name }, label]
            : [label],
        };
      });
      if (block.people.length > shown.length)
        blocks.push({ type: 'context', elements: [mrkdwn(`…and ${block.people.length - shown.length} more`)] });
      return blocks;
    }
    case 'actions': {
      const select = block.choice && block.choice.count > MAX_CHOICE_BUTTONS ? block.choice : undefined;
      const buttons = select ? block.buttons.slice(select.count) : block.buttons;
      return [
        {
          type: 'actions',
          elements: [
            ...(select ? [selectElement(block.buttons.slice(0, select.count), select.prompt)] : []),
            ...buttons.slice(0, select ? 24 : 25).map((button) => buttonElement(button.id, button.label, button.value)),
          ],
        },
      ];
    }
  }
}

/** A choice of more options than this is a `static_select` (a row of buttons wraps badly beyond it). */
const MAX_CHOICE_BUTTONS = 5;

/**
 * A choice (a ballot) as one `static_select`: picking an option sends it at once (its value is the option's
 * command, read by the action listener from `selected_option`); picking again changes it.
 */
function selectElement(options: readonly { id: string; label: string; value?: string }[], prompt: string): SlackBlock {
  return {
    type: 'static_select',
    action_id: `${ACTION_PREFIX}choice`,
    placeholder: { type: 'plain_text', text: prompt.slice(0, 150) },
    options: options.slice(0, 100).map((option) => ({
      text: { type: 'plain_text', text: option.label.slice(0, 75) },
      value: (option.value ?? option.id).slice(0, 150),
    })),
  };
}

function buttonElement(id: string, label: string, value?: string): SlackBlock {
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}${id}`,
    text: { type: 'plain_text', text: label.slice(0, 75) },
    ...(value ? { value: value.slice(0, 2000) } : {}),
  };
}

/** True for the reply that shows a panel (its roster): Slack renders it as the panel card. */
export function isPanelCard(reply: Reply): boolean {
  return reply.kind === 'text' && Boolean(reply.blocks?.some((block) => block.kind === 'roster'));
}

/**
 * Renders a text or confirm reply as Block Kit. A panel card (a roster reply) gets a "synthetic
 * panel" header and the [Ask] [Poll] [Brainstorm] [Summarize] [Export] buttons; a persona post
 * always carries a synthetic label.
 *
 * @example
 *   renderReply({ kind: 'text', text: 'hi', blocks: [{ kind: 'context', text: 'Synthetic persona' }] }, lookup)
 */
export function renderReply(reply: Reply, avatar: AvatarLookup): { text: string; blocks?: SlackBlock[] } {
  if (reply.kind === 'confirm') {
    return {
      text: clip(safeChatText(reply.text), 39_000),
      blocks: [
        { type: 'section', text: mrkdwn(reply.text) },
        { type: 'actions', elements: [buttonElement('confirm', 'Run it', reply.confirmId)] },
      ],
    };
  }
  if (reply.kind !== 'text') return { text: 'title' in reply ? safeChatText(reply.title ?? '') : '' };
  const persona = reply.speaker?.kind === 'persona';
  const source = reply.blocks?.length ? reply.blocks : undefined;
  if (!source && !persona) return { text: clip(safeChatText(reply.text), 39_000) };
  let blocks: SlackBlock[] = (source ?? [{ kind: 'section', text: reply.text } as Block]).flatMap((block) =>
    renderBlock(block, avatar),
  );
  if (isPanelCard(reply)) {
    blocks = [
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: ':performing_arts: *Synthetic panel* — simulated personas, not real people' },
        ],
      },
      ...blocks,
    ];
    if (!source?.some((block) => block.kind === 'actions')) {
      blocks.push({
        type: 'actions',
        block_id: 'troupe_panel_card',
        elements: PANEL_BUTTONS.map((button) => buttonElement(button.id, button.label)),
      });
    }
  }
  if (persona && !source?.some((block) => block.kind === 'context')) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Synthetic persona' }] });
  }
  return { text: clip(safeChatText(reply.text), 39_000), blocks: blocks.slice(0, MAX_BLOCKS) };
}
