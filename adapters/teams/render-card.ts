import {
  ActionSet,
  AdaptiveCard,
  ChoiceSetInput,
  Column,
  ColumnSet,
  Container,
  Fact,
  FactSet,
  Image,
  OpenUrlAction,
  ShowCardAction,
  SubmitAction,
  TextBlock,
  TextInput,
  type CardElement,
} from '@microsoft/teams.cards';
import type { Block, Reply } from '../../commands/reply.js';
import { FORK_BUTTON, forkAction } from './fork-form.js';
import { escapeCardMarkdown } from './safe-teams-text.js';

/** Where a roster person's or a persona's avatar can be fetched by Teams (an https URL), if anywhere. */
export type AvatarUrl = (person: { name: string; avatar?: string; personaId?: string }) => string | undefined;

/** The Submit data every Troupe card action carries: `{ troupe: 'summarize' }`, or a form's command and text. */
export interface TroupeSubmit {
  troupe: 'ask' | 'poll' | 'summarize' | 'export' | 'confirm' | 'command' | 'fork';
  value?: string;
  text?: string;
}

/** The card actions of a panel card, in order. */
export const PANEL_ACTIONS = ['Ask', 'Poll', 'Summarize', 'Export'] as const;

const MAX_TEXT = 20_000;
const clip = (text: string, max = MAX_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const text = (value: string, options: Record<string, unknown> = {}) =>
  TextBlock.from({ text: clip(escapeCardMarkdown(value)), wrap: true, ...options });

function renderBlock(block: Block, avatar: AvatarUrl): CardElement[] {
  switch (block.kind) {
    case 'section':
      return [text(block.text)];
    case 'context':
      return [text(block.text, { size: 'Small', isSubtle: true })];
    case 'fields':
      return [
        new FactSet(
          ...block.fields.map((field) => new Fact(escapeCardMarkdown(field.label), escapeCardMarkdown(field.value))),
        ),
      ];
    case 'table':
      return [
        new FactSet(
          ...block.rows.slice(0, 40).map(
            (row) =>
              new Fact(
                escapeCardMarkdown(row[0] ?? ''),
                escapeCardMarkdown(
                  block.columns
                    .slice(1)
                    .map((c, i) => `${c}: ${row[i + 1] ?? ''}`)
                    .join(' · '),
                ),
              ),
          ),
        ),
      ];
    case 'roster':
      return block.people.slice(0, 30).map((person) => personRow(person.name, person.bio, avatar(person)));
    case 'actions':
      return block.choice ? choiceElements(block.buttons, block.choice) : [new ActionSet(...submits(block.buttons))];
  }
}

type Button = { id: string; label: string; value?: string };

/** Buttons as `Action.Submit`s (Teams shows at most six in a set); none of them sends the card's inputs. */
function submits(buttons: readonly Button[], inputs?: 'none'): (SubmitAction | ReturnType<typeof forkAction>)[] {
  return buttons.slice(0, 6).map((button) =>
    // [Fork] unfolds a form for the changed stimulus instead of running `/fork` bare (its usage).
    button.id === FORK_BUTTON
      ? forkAction(button.label)
      : SubmitAction.from({
          title: button.label,
          data: { troupe: 'command', value: button.value ?? button.id } satisfies TroupeSubmit,
          ...(inputs ? { associatedInputs: inputs } : {}),
        }),
  );
}

/**
 * A choice (a ballot) as one `Input.ChoiceSet` (radio buttons up to seven options, a drop-down beyond) and one
 * [Vote] submit, so no option is lost to the six-action limit; the input's id is `value`, so the submit arrives as
 * `{ troupe: 'command', value: <the chosen option's command> }`. The other buttons ([Close]) send no inputs.
 */
function choiceElements(buttons: readonly Button[], choice: { count: number; prompt: string; submitLabel: string }) {
  const options = buttons.slice(0, choice.count);
  const input = new ChoiceSetInput(
    ...options.map((button) => ({ title: button.label, value: button.value ?? button.id })),
  ).withOptions({
    id: 'value',
    label: choice.prompt,
    style: options.length <= 7 ? 'expanded' : 'compact',
    isRequired: true,
    errorMessage: 'Pick one of the options first.',
    placeholder: 'Pick one',
    wrap: true,
  });
  const vote = SubmitAction.from({ title: choice.submitLabel, data: { troupe: 'command' } satisfies TroupeSubmit });
  return [input, new ActionSet(vote, ...submits(buttons.slice(choice.count), 'none').slice(0, 5))];
}

/** One row: the avatar as a round person image beside a bold name (and a one-line bio). */
function personRow(name: string, bio: string | undefined, imageUrl: string | undefined): CardElement {
  const label = [text(name, { weight: 'Bolder' }), ...(bio ? [text(bio, { spacing: 'None', isSubtle: true })] : [])];
  return ColumnSet.from({
    columns: [
      ...(imageUrl
        ? [
            new Column(Image.from({ url: imageUrl, style: 'Person', size: 'Small', altText: name })).withOptions({
              width: 'auto',
            }),
          ]
        : []),
      new Column(...label).withOptions({ width: 'stretch', verticalContentAlignment: 'Center' }),
    ],
  });
}

/** A card form that runs a command with the typed text (`Ask` → `/panel ask <text>`). */
function formCard(id: 'ask' | 'poll', placeholder: string, submitTitle: string): AdaptiveCard {
  return new AdaptiveCard(
    TextInput.from({ id: 'text', placeholder, isMultiline: id === 'ask', isRequired: true }),
  ).withActions(SubmitAction.from({ title: submitTitle, data: { troupe: id } satisfies TroupeSubmit }));
}

/** True for the reply that shows a panel (its roster): rendered as the panel card. */
export function isPanelCard(reply: Reply): boolean {
  return reply.kind === 'text' && Boolean(reply.blocks?.some((block) => block.kind === 'roster'));
}

/**
 * Renders a text or confirm reply as an Adaptive Card (its texts escaped by `escapeCardMarkdown`) plus the
 * activity's plain `text` (raw: the sink makes it safe with `safeTeamsText` when it is sent as a message's text) (what
 * notifications and screen readers read). A persona post is a card whose header is the persona's
 * avatar (`Image`, style person) and name, then the text, then a small "synthetic persona · model"
 * footer; its `text` is "Name: …". A panel card gets a "Synthetic panel" header and the Ask / Poll
 * (forms with `Action.Submit`) / Summarize / Export actions.
 *
 * @example
 *   renderCard({ kind: 'text', text: 'Price matters.', speaker: { kind: 'persona', name: 'Ada' } }, () => undefined)
 *   // { text: 'Ada: Price matters.', card: { type: 'AdaptiveCard', body: [...] } }
 */
export function renderCard(reply: Reply, avatar: AvatarUrl): { text: string; card?: AdaptiveCard } {
  if (reply.kind === 'confirm') {
    const card = new AdaptiveCard(text(reply.text)).withActions(
      SubmitAction.from({
        title: 'Run it',
        data: { troupe: 'confirm', value: reply.confirmId } satisfies TroupeSubmit,
      }),
    );
    return { text: reply.text, card };
  }
  if (reply.kind !== 'text') return { text: 'title' in reply ? (reply.title ?? '') : '' };
  const speaker = reply.speaker?.kind === 'persona' ? reply.speaker : undefined;
  const source = reply.blocks?.length ? reply.blocks : [{ kind: 'section', text: reply.text } as Block];
  if (speaker) {
    const footer = source.filter((block) => block.kind === 'context');
    const body = source.filter((block) => block.kind !== 'context');
    const card = new AdaptiveCard(
      personRow(speaker.name, undefined, avatar(speaker)),
      ...body.flatMap((block) => renderBlock(block, avatar)),
      text(footer.map((block) => (block as { text: string }).text).join(' · ') || 'Synthetic persona', {
        size: 'Small',
        isSubtle: true,
      }),
    );
    return { text: clip(`${speaker.name}: ${reply.text}`, 4000), card };
  }
  if (!reply.blocks?.length) return { text: clip(reply.text, 28_000) };
  const elements = source.flatMap((block) => renderBlock(block, avatar));
  if (!isPanelCard(reply)) return { text: clip(reply.text, 4000), card: new AdaptiveCard(...elements) };
  const card = new AdaptiveCard(
    new Container(text('🎭 Synthetic panel — simulated personas, not real people', { weight: 'Bolder' })).withStyle(
      'emphasis',
    ),
    ...elements,
  ).withActions(
    ShowCardAction.from({
      title: 'Ask',
      card: formCard('ask', 'What would you like to ask the panel?', 'Ask the panel'),
    }),
    ShowCardAction.from({ title: 'Poll', card: formCard('poll', 'yesno "Would you pay $5 a month?"', 'Run the poll') }),
    SubmitAction.from({ title: 'Summarize', data: { troupe: 'summarize' } satisfies TroupeSubmit }),
    SubmitAction.from({ title: 'Export', data: { troupe: 'export' } satisfies TroupeSubmit }),
  );
  return { text: clip(reply.text, 4000), card };
}

/** A card showing an image (a chart) with its title, e.g. served from Troupe's file endpoint. */
export function imageCard(title: string, url: string, altText: string): AdaptiveCard {
  return new AdaptiveCard(text(title, { weight: 'Bolder' }), Image.from({ url, altText, size: 'Stretch' }));
}

/** A card linking to a file (an export) through an expiring link. */
export function fileCard(title: string, url: string, expiresHours: number): AdaptiveCard {
  return new AdaptiveCard(
    text(title, { weight: 'Bolder' }),
    text(`The link works for ${expiresHours} hours.`, { size: 'Small', isSubtle: true }),
  ).withActions(OpenUrlAction.from({ title: 'Download', url }));
}

/** A progress card: the status text and, while running, a bar of done/total. */
export function progressCard(status: string, done?: number, total?: number, finished?: boolean): AdaptiveCard {
  const width = 10;
  const filled = total && !finished ? Math.max(0, Math.min(width, Math.round(((done ?? 0) / total) * width))) : 0;
  const bar = total && !finished ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done ?? 0}/${total}` : '';
  return new AdaptiveCard(text(status), ...(bar ? [text(bar, { fontType: 'Monospace', size: 'Small' })] : []));
}
