import { AdaptiveCard, ShowCardAction, SubmitAction, TextBlock, TextInput } from '@microsoft/teams.cards';

/** The id of the thread-opening button that forks its thread (`{ id: 'fork' }` in a reply's actions block). */
export const FORK_BUTTON = 'fork';

/**
 * The [Fork] action of a thread's opening card: it unfolds, in place, a form with the changed
 * stimulus (`Input.Text` id `text`) and a Submit whose data is `{ troupe: 'fork' }`. Teams sends the
 * submission in the card's reply chain, so the command runs as `/fork "<text>"` in that thread.
 *
 * @example
 *   new ActionSet(forkAction('Fork')) // → Action.ShowCard { card: { body: [Input.Text], actions: [Action.Submit] } }
 */
export function forkAction(title: string): ShowCardAction {
  return ShowCardAction.from({
    title,
    card: new AdaptiveCard(
      TextBlock.from({
        text: 'A new thread: the same personas and memories up to here, then this instead.',
        wrap: true,
        size: 'Small',
        isSubtle: true,
      }),
      TextInput.from({
        id: 'text',
        label: 'The changed question',
        placeholder: 'Would you buy it at $12 instead?',
        isMultiline: true,
        isRequired: true,
        maxLength: 2000,
      }),
    ).withActions(SubmitAction.from({ title: 'Fork this thread', data: { troupe: 'fork' } })),
  });
}
