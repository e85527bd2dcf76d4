import type { WebBlock, WebMessage, WebPanel } from '../web-message.js';
import { h } from './dom.js';

/** What a rendered message can ask the page to do. */
export interface MessageActions {
  openPersona(name: string): void;
  openThread(key: string): void;
  /** Sends a command from where the message is (its thread, or the channel). */
  send(text: string, threadKey?: string): void;
  /** Puts a command in the composer to finish. */
  fill(text: string, threadKey?: string): void;
}

/** The panel card's buttons: Ask, Poll and Brainstorm need words (they fill the composer); the others run. */
export function panelButtons(actions: MessageActions, threadKey?: string, panel?: WebPanel): HTMLElement {
  const seat = panel && !panel.seatedHere;
  return h(
    'div',
    { class: 'buttons' },
    seat &&
      h(
        'button',
        { type: 'button', class: 'primary', onclick: () => actions.send(`/panel seat ${panel.name}`) },
        'Seat here',
      ),
    h('button', { type: 'button', onclick: () => actions.fill('/panel ask ', threadKey) }, 'Ask'),
    h('button', { type: 'button', onclick: () => actions.fill('/poll yesno "', threadKey) }, 'Poll'),
    h('button', { type: 'button', onclick: () => actions.fill('/brainstorm ', threadKey) }, 'Brainstorm'),
    h('button', { type: 'button', onclick: () => actions.send('/summarize', threadKey) }, 'Summarize'),
    h('button', { type: 'button', onclick: () => actions.send('/export md', threadKey) }, 'Export'),
  );
}

/** A clickable persona chip (avatar + name) that opens the persona card. */
export function personaChip(person: { name: string; avatarUrl?: string }, actions: MessageActions, bio?: string) {
  return h(
    'button',
    {
      type: 'button',
      class: 'person',
      title: `${person.name}: open the persona card`,
      onclick: () => actions.openPersona(person.name),
    },
    avatar(person.name, person.avatarUrl),
    h('span', { class: 'who' }, h('b', {}, person.name), bio ? h('small', {}, bio) : undefined),
  );
}

function avatar(name: string, url?: string): HTMLElement {
  if (url) return h('img', { class: 'avatar', src: url, alt: '', width: 36, height: 36, loading: 'lazy' });
  return h('span', { class: 'avatar initials', 'aria-hidden': 'true' }, initials(name));
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0] ?? '')
    .join('')
    .toUpperCase();
}

function block(item: WebBlock, actions: MessageActions, threadKey?: string): HTMLElement | undefined {
  switch (item.kind) {
    case 'section':
      return h('p', { class: 'text' }, item.text);
    case 'context':
      return h('p', { class: 'context' }, item.text);
    case 'fields':
      return h(
        'dl',
        { class: 'fields' },
        ...item.fields.flatMap((field) => [h('dt', {}, field.label), h('dd', {}, field.value)]),
      );
    case 'table':
      return h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...item.columns.map((column) => h('th', {}, column)))),
          h('tbody', {}, ...item.rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
        ),
      );
    case 'roster':
      return h(
        'ul',
        { class: 'roster' },
        ...item.people.map((person) => h('li', {}, personaChip(person, actions, person.bio))),
      );
    case 'actions':
      return h(
        'div',
        { class: 'buttons' },
        ...item.buttons.map((button) =>
          h(
            'button',
            { type: 'button', onclick: () => button.value?.startsWith('/') && actions.send(button.value, threadKey) },
            button.label,
          ),
        ),
      );
  }
}

/**
 * Draws one message: who posted it (a persona with avatar, name and the synthetic label; the bot; a person), its
 * text or blocks, a chart, an export download, a progress bar, a confirmation button, the panel card's buttons, and
 * for a question the link to its thread.
 *
 * @example
 *   list.append(renderMessage(message, actions));
 */
export function renderMessage(message: WebMessage, actions: MessageActions): HTMLElement {
  const speaker = message.speaker;
  const persona = speaker.kind === 'persona';
  const head = persona
    ? h(
        'header',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'speaker',
            onclick: () => actions.openPersona(speaker.name),
            title: 'Open the persona card',
          },
          avatar(speaker.name, speaker.avatarUrl),
          h('b', { class: 'name' }, speaker.name),
        ),
        h('span', { class: 'synthetic', title: 'A simulated persona, not a real person' }, 'synthetic'),
      )
    : h(
        'header',
        {},
        speaker.kind === 'user' ? avatar(speaker.name) : h('span', { class: 'avatar bot', 'aria-hidden': 'true' }, '◐'),
        h('b', { class: 'name' }, speaker.kind === 'user' ? speaker.name : 'Troupe'),
        message.panelCard ? h('span', { class: 'synthetic' }, 'synthetic panel') : undefined,
      );
  const body = h('div', { class: 'body' });
  const blocks = message.blocks ?? [];
  const drawsText = blocks.some(
    (item) => item.kind === 'section' || item.kind === 'fields' || item.kind === 'roster' || item.kind === 'table',
  );
  if (!drawsText && message.kind !== 'image' && message.kind !== 'file')
    body.append(h('p', { class: 'text' }, message.text));
  for (const item of blocks) {
    const element = block(item, actions, message.threadKey);
    if (element) body.append(element);
  }
  if (message.image)
    body.append(
      h(
        'figure',
        { class: 'chart' },
        h('img', { src: message.image.url, alt: message.image.alt, loading: 'lazy' }),
        h('figcaption', {}, message.image.title),
      ),
    );
  if (message.file)
    body.append(
      h(
        'a',
        { class: 'download', href: message.file.url, download: message.file.filename },
        `⬇ ${message.file.title ?? message.file.filename} — ${message.file.filename} (${size(message.file.size)})`,
      ),
    );
  if (message.progress) {
    const { done, total, finished } = message.progress;
    const share = finished ? 1 : total ? Math.min(1, (done ?? 0) / total) : undefined;
    const bar = h(
      'div',
      {
        class: `progress${finished ? ' finished' : ''}${share === undefined ? ' indeterminate' : ''}`,
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': total ?? 1,
        'aria-valuenow': finished ? (total ?? 1) : (done ?? 0),
      },
      h('span', { class: 'bar-fill' }),
    );
    // Set through the CSSOM: the page's CSP allows no inline style attributes.
    if (share !== undefined) bar.style.setProperty('--share', String(share));
    body.append(bar);
  }
  if (message.confirmId) {
    const id = message.confirmId;
    body.append(
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          { type: 'button', class: 'primary', onclick: () => actions.send(`/confirm ${id}`, message.threadKey) },
          'Run it',
        ),
      ),
    );
  }
  if (message.panelCard) body.append(panelButtons(actions, message.threadKey));
  if (message.opensThread)
    body.append(
      h('button', { type: 'button', class: 'link', onclick: () => actions.openThread(message.id) }, 'Open thread →'),
    );
  return h(
    'article',
    {
      class: `message ${speaker.kind}${message.kind === 'progress' ? ' is-progress' : ''}${message.ephemeral ? ' ephemeral' : ''}`,
      'data-id': message.id,
      'data-speaker': persona ? speaker.name : undefined,
    },
    head,
    body,
  );
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
}
