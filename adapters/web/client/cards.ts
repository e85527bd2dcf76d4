import type { WebPanel } from '../web-message.js';
import type { PersonaCardData } from './api.js';
import { byId, h } from './dom.js';
import { type MessageActions, panelButtons, personaChip } from './render.js';

/** Shows a dialog over the page; Esc or a click outside closes it. */
export function openOverlay(content: HTMLElement): void {
  const overlay = byId('overlay');
  const card = byId('card');
  card.replaceChildren(
    h('button', { type: 'button', class: 'icon close', 'aria-label': 'Close (Esc)', onclick: closeOverlay }, '✕'),
    content,
  );
  overlay.hidden = false;
  card.querySelector<HTMLElement>('button:not(.close)')?.focus();
}

export function closeOverlay(): boolean {
  const overlay = byId('overlay');
  if (overlay.hidden) return false;
  overlay.hidden = true;
  byId('card').replaceChildren();
  return true;
}

/** A persona card: avatar, name, the synthetic label and what the server knows of them. */
export function personaCardView(card: PersonaCardData): HTMLElement {
  return h(
    'div',
    { class: 'persona-card' },
    h(
      'header',
      {},
      card.avatarUrl ? h('img', { class: 'avatar large', src: card.avatarUrl, alt: '' }) : undefined,
      h('div', {}, h('h2', {}, card.name), h('span', { class: 'synthetic' }, 'synthetic persona — not a real person')),
    ),
    ...card.blocks.map((item) =>
      item.kind === 'fields'
        ? h(
            'dl',
            { class: 'fields' },
            ...item.fields.flatMap((field) => [h('dt', {}, field.label), h('dd', {}, field.value)]),
          )
        : item.kind === 'section' || item.kind === 'context'
          ? h('p', { class: item.kind === 'context' ? 'context' : 'text' }, item.text)
          : h('span', {}),
    ),
    card.blocks.length ? undefined : h('p', { class: 'text' }, card.text),
  );
}

/** A panel card from the sidebar: the roster (each persona opens its card) and the panel's buttons. */
export function panelCardView(panel: WebPanel, actions: MessageActions): HTMLElement {
  return h(
    'div',
    { class: 'panel-card' },
    h('h2', {}, panel.name),
    h(
      'p',
      { class: 'context' },
      `Synthetic panel · ${panel.people.length} personas${panel.seatedHere ? ' · seated in this channel' : ' · not seated here'}`,
    ),
    h(
      'ul',
      { class: 'roster' },
      ...panel.people.map((person) => h('li', {}, personaChip(person, actions, person.bio))),
    ),
    panelButtons(actions, undefined, panel),
  );
}
