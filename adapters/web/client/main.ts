import type { WebEvent, WebMessage, WebState } from '../web-message.js';
import { api } from './api.js';
import { closeOverlay, openOverlay, panelCardView, personaCardView } from './cards.js';
import { type Composer, mountComposer } from './composer.js';
import { byId, h } from './dom.js';
import { type MessageActions, renderMessage } from './render.js';

/**
 * The playground page: draws the state from `/api/state`, keeps it live through `/api/events` (server-sent events),
 * and sends what is typed to `/api/messages`. A question asked from the channel opens its thread beside it.
 */
interface View {
  state: WebState;
  thread?: { key: string; messages: WebMessage[] };
  /** The person asked a question from the channel: open the next thread that appears. */
  awaitingThread: boolean;
}

const view: View = { state: undefined as unknown as WebState, awaitingThread: false };
let channelComposer: Composer;
let threadComposer: Composer;

const actions: MessageActions = {
  openPersona: (name) => void showPersona(name),
  openThread: (key) => void openThread(key),
  send: (text, threadKey) =>
    void send(text, threadKey).catch((error: Error) => composerOf(threadKey).notice(error.message, 'error')),
  fill: (text, threadKey) => {
    closeOverlay();
    composerOf(threadKey ?? view.thread?.key).fill(text);
  },
};

function composerOf(threadKey?: string): Composer {
  return threadKey && view.thread?.key === threadKey ? threadComposer : channelComposer;
}

async function send(text: string, threadKey?: string): Promise<void> {
  // A question or a brainstorm opens a new thread (wherever it was typed); a plain message in the channel is a question.
  if (/^\/(panel ask|brainstorm)\b/i.test(text) || (!threadKey && !text.startsWith('/'))) view.awaitingThread = true;
  composerOf(threadKey).clearNotice();
  await api.send(text, threadKey);
}

async function showPersona(name: string): Promise<void> {
  try {
    openOverlay(personaCardView(await api.persona(name)));
  } catch (error) {
    openOverlay(h('p', { class: 'notice error' }, (error as Error).message));
  }
}

/**
 * Reads a thread from the store while keeping what arrives live meanwhile: the view holds the thread
 * from before the read, so a reply posted during it is upserted, not dropped, and then merged in.
 */
async function loadThread(key: string): Promise<void> {
  if (view.thread?.key !== key) view.thread = { key, messages: [] };
  const stored = await api.thread(key);
  if (view.thread?.key !== key) return;
  const live = view.thread.messages;
  view.thread.messages = stored;
  for (const message of live) upsert(view.thread.messages, message);
}

async function openThread(key: string): Promise<void> {
  await loadThread(key);
  if (view.thread?.key !== key) return;
  const opener = view.state.channel.find((message) => message.id === key);
  byId('thread-title').textContent = opener ? opener.text.split('\n')[0] : 'Thread';
  byId('thread').hidden = false;
  document.body.classList.add('thread-open');
  history.replaceState(null, '', `#thread=${encodeURIComponent(key)}`);
  drawThread();
  drawSidebar();
  threadComposer.focus();
}

function closeThread(): boolean {
  if (!view.thread) return false;
  view.thread = undefined;
  byId('thread').hidden = true;
  document.body.classList.remove('thread-open');
  history.replaceState(null, '', location.pathname);
  drawSidebar();
  channelComposer.focus();
  return true;
}

function upsert(list: WebMessage[], message: WebMessage): void {
  const at = list.findIndex((item) => item.id === message.id);
  if (at < 0) list.push(message);
  else list[at] = message;
}

function drawList(container: HTMLElement, messages: WebMessage[]): void {
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
  container.replaceChildren(
    ...(messages.length
      ? messages.map((message) => renderMessage(mine(message), actions))
      : [
          h(
            'p',
            { class: 'empty' },
            'Nothing here yet. Try /panel create 5 US parents of toddlers, then ask them something.',
          ),
        ]),
  );
  if (atBottom) container.scrollTop = container.scrollHeight;
}

/** The person's own follow-ups are shown as "you". */
function mine(message: WebMessage): WebMessage {
  const speaker = message.speaker;
  return speaker.kind === 'user' && speaker.userId === view.state.userId
    ? { ...message, speaker: { ...speaker, name: 'you' } }
    : message;
}

function drawChannel(): void {
  drawList(byId('channel'), view.state.channel);
}

function drawThread(): void {
  if (!view.thread) return;
  // The question heads its thread, as in the chats; the replies follow.
  const key = view.thread.key;
  const opener = view.state.channel.find((message) => message.id === key);
  drawList(
    byId('thread-messages'),
    opener ? [{ ...opener, opensThread: false }, ...view.thread.messages] : view.thread.messages,
  );
}

function drawSidebar(): void {
  byId('panels').replaceChildren(
    ...(view.state.panels.length
      ? view.state.panels.map((panel) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'item', onclick: () => openOverlay(panelCardView(panel, actions)) },
              h('span', { class: 'item-label' }, panel.name),
              h('small', { class: 'item-count' }, `${panel.people.length}${panel.seatedHere ? ' · here' : ''}`),
            ),
          ),
        )
      : [h('li', { class: 'side-empty' }, 'No panels yet')]),
  );
  byId('threads').replaceChildren(
    ...(view.state.threads.length
      ? view.state.threads.map((thread) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: `item${view.thread?.key === thread.key ? ' current' : ''}`,
                onclick: () => {
                  document.body.classList.remove('menu-open');
                  void openThread(thread.key);
                },
              },
              h('span', { class: 'item-label' }, thread.title),
            ),
          ),
        )
      : [h('li', { class: 'side-empty' }, 'No threads yet')]),
  );
}

function receive(event: WebEvent): void {
  if (event.type === 'panels') {
    void api.panels().then((panels) => {
      view.state.panels = panels;
      drawSidebar();
    });
    return;
  }
  const message = event.message;
  if (!message) return;
  if (message.ephemeral) {
    // The command was refused: no thread is coming.
    view.awaitingThread = false;
    composerOf(message.threadKey).notice(message.text, message.text.includes('Example:') ? 'error' : 'info');
    return;
  }
  if (!message.threadKey) {
    upsert(view.state.channel, message);
    drawChannel();
    if (message.opensThread && !view.state.threads.some((thread) => thread.key === message.id)) {
      view.state.threads.unshift({ key: message.id, title: message.text.split('\n')[0], at: message.at });
      drawSidebar();
      if (view.awaitingThread) {
        view.awaitingThread = false;
        void openThread(message.id);
      }
    }
  } else if (view.thread?.key === message.threadKey) {
    upsert(view.thread.messages, message);
    drawThread();
  }
}

async function refresh(): Promise<void> {
  const state = await api.state();
  view.state = { ...state, commands: view.state.commands };
  if (view.thread) await loadThread(view.thread.key);
  drawSidebar();
  drawChannel();
  drawThread();
}

function listen(): void {
  const source = new EventSource('/api/events');
  for (const type of ['message', 'panels'])
    source.addEventListener(type, (event) => receive(JSON.parse((event as MessageEvent).data)));
  let connected = false;
  source.addEventListener('ready', () => {
    // After a reconnect, what was posted meanwhile is read from the store.
    if (connected) void refresh();
    connected = true;
    document.body.setAttribute('data-live', 'on');
  });
  source.addEventListener('error', () => document.body.setAttribute('data-live', 'reconnecting'));
}

async function boot(): Promise<void> {
  view.state = await api.state();
  const data = () => ({ commands: view.state.commands, panels: view.state.panels });
  channelComposer = mountComposer(byId<HTMLFormElement>('channel-composer'), {
    placeholder: 'Message #playground — type / for commands',
    data,
    send: (text) => send(text),
  });
  threadComposer = mountComposer(byId<HTMLFormElement>('thread-composer'), {
    placeholder: 'Reply in thread — @Name asks one',
    data,
    send: (text) => send(text, view.thread?.key),
  });
  byId('thread-close').addEventListener('click', () => closeThread());
  byId('menu').addEventListener('click', () => document.body.classList.toggle('menu-open'));
  byId('overlay').addEventListener('click', (event) => {
    if (event.target === byId('overlay')) closeOverlay();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (closeOverlay() || document.body.classList.contains('menu-open')) document.body.classList.remove('menu-open');
    else closeThread();
  });
  drawSidebar();
  drawChannel();
  listen();
  const opened = new URLSearchParams(location.hash.slice(1)).get('thread');
  if (opened) await openThread(opened);
  channelComposer.focus();
  document.body.setAttribute('data-ready', 'true');
}

void boot();
