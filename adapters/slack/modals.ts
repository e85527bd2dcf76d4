import { z } from 'zod';

/** The `callback_id` of every Troupe modal. */
export const MODAL_CALLBACK = 'troupe_modal';

/** Buttons that open a modal (the others run a command at once). */
export type ModalKind = 'ask' | 'poll' | 'brainstorm' | 'fork';

/** Where a modal's submission goes, carried in `private_metadata`. */
const Origin = z.object({
  kind: z.enum(['ask', 'poll', 'brainstorm', 'fork']),
  channel: z.string(),
  threadTs: z.string().optional(),
});
export type ModalOrigin = z.infer<typeof Origin>;

const TITLES: Record<ModalKind, { title: string; label: string; placeholder: string }> = {
  ask: { title: 'Ask the panel', label: 'Your question', placeholder: 'What would make you switch grocery apps?' },
  poll: { title: 'Poll the panel', label: 'Poll question', placeholder: 'How likely are you to buy this?' },
  brainstorm: { title: 'Brainstorm', label: 'Topic', placeholder: 'Features for a budgeting app' },
  fork: { title: 'Fork this thread', label: 'The changed question', placeholder: 'Would you buy it at $12 instead?' },
};

/**
 * The modal a panel-card button opens (`views.open`): one text input, plus the poll kind for a poll.
 *
 * @example
 *   await client.views.open({ trigger_id, view: modalView({ kind: 'ask', channel: 'C1' }) });
 */
export function modalView(origin: ModalOrigin): Record<string, unknown> {
  const copy = TITLES[origin.kind];
  const blocks: Record<string, unknown>[] = [
    {
      type: 'input',
      block_id: 'text',
      label: { type: 'plain_text', text: copy.label },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: origin.kind === 'ask',
        max_length: 2000,
        placeholder: { type: 'plain_text', text: copy.placeholder },
      },
    },
  ];
  if (origin.kind === 'poll') {
    const option = (value: string, text: string) => ({ value, text: { type: 'plain_text', text } });
    blocks.push({
      type: 'input',
      block_id: 'kind',
      label: { type: 'plain_text', text: 'Kind' },
      element: {
        type: 'static_select',
        action_id: 'value',
        initial_option: option('likert', 'Likert (1–5)'),
        options: [
          option('likert', 'Likert (1–5)'),
          option('yesno', 'Yes / no'),
          option('number', 'A number'),
          option('open', 'Open-ended'),
        ],
      },
    });
  }
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK,
    private_metadata: JSON.stringify(origin),
    title: { type: 'plain_text', text: copy.title },
    submit: { type: 'plain_text', text: origin.kind === 'ask' ? 'Ask' : 'Start' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

type ViewState = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/** A submitted modal as the command line it stands for, and where it was opened. */
export function modalSubmission(
  privateMetadata: string,
  state: ViewState,
): { origin: ModalOrigin; text: string } | undefined {
  let origin: ModalOrigin;
  try {
    origin = Origin.parse(JSON.parse(privateMetadata));
  } catch {
    return undefined;
  }
  const value = (state.text?.value?.value ?? '').trim();
  const quoted = `"${value.replace(/"/g, "'")}"`;
  switch (origin.kind) {
    case 'ask':
      // A plain message at the channel root is a question; a leading slash would read as a command.
      return { origin, text: value.startsWith('/') ? `/panel ask ${quoted}` : value };
    case 'poll':
      return { origin, text: `/poll ${state.kind?.value?.selected_option?.value ?? 'likert'} ${quoted}` };
    case 'brainstorm':
      return { origin, text: `/brainstorm ${quoted}` };
    case 'fork':
      return { origin, text: `/fork ${quoted}` };
  }
}
