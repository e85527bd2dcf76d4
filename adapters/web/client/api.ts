import type { WebMessage, WebPanel, WebState } from '../web-message.js';

/** The persona card the server answers for a name. */
export interface PersonaCardData {
  name: string;
  avatarUrl?: string;
  text: string;
  blocks: NonNullable<WebMessage['blocks']>;
}

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

/** The page's calls to its own server: same origin, the session cookie, and the CSRF header on every POST. */
export const api = {
  state: () => fetch('/api/state').then((r) => json<WebState>(r)),
  panels: () => fetch('/api/panels').then((r) => json<WebPanel[]>(r)),
  thread: (key: string) => fetch(`/api/threads/${encodeURIComponent(key)}`).then((r) => json<WebMessage[]>(r)),
  persona: (name: string) =>
    fetch(`/api/persona?name=${encodeURIComponent(name)}`).then((r) => json<PersonaCardData>(r)),
  send: (text: string, threadKey?: string) =>
    fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-troupe-csrf': '1' },
      body: JSON.stringify({ text, threadKey }),
    }).then((r) => json<{ ok: boolean }>(r)),
};
