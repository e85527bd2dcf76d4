/**
 * What the playground page renders: one message of the web channel, as the server stores it and sends it over
 * server-sent events. Pure data shared by the server and the browser bundle (no imports), so both agree on the shape.
 *
 * @example
 *   const message: WebMessage = { id: 'm1', at: '2026-12-02T10:00:00Z', kind: 'text', text: 'hi', speaker: { kind: 'bot' } };
 */
export interface WebMessage {
  id: string;
  /** ISO time the message was first posted. */
  at: string;
  /** The thread it belongs to; absent at the channel root. */
  threadKey?: string;
  /** This message opens a thread whose key is its id. */
  opensThread?: boolean;
  kind: 'text' | 'image' | 'file' | 'progress' | 'confirm';
  speaker: WebSpeaker;
  text: string;
  blocks?: WebBlock[];
  /** A chart (PNG) served by `/api/files/<id>`. */
  image?: { url: string; title: string; alt: string };
  /** An export, downloaded from `/api/files/<id>`. */
  file?: { url: string; filename: string; mimeType: string; title?: string; size: number };
  progress?: { done?: number; total?: number; finished?: boolean };
  confirmId?: string;
  /** The roster reply of a panel: rendered as the panel card with its buttons. */
  panelCard?: boolean;
  /** Shown only to the person who typed the command (errors, help); never stored. */
  ephemeral?: boolean;
}

/** Who a message is shown as. Avatars are same-origin URLs served with the session's tenant check. */
export type WebSpeaker =
  | { kind: 'bot' }
  | { kind: 'user'; name: string; userId?: string }
  | { kind: 'persona'; name: string; personaId?: string; avatarUrl?: string };

/** The structured blocks of a reply (the same shapes as `commands/reply.ts` `Block`, roster avatars as URLs). */
export type WebBlock =
  | { kind: 'section'; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'roster'; people: { name: string; avatarUrl?: string; personaId?: string; bio: string }[] }
  | { kind: 'actions'; buttons: { id: string; label: string; value?: string }[] }
  | { kind: 'context'; text: string };

/** A thread in the sidebar. */
export interface WebThread {
  key: string;
  title: string;
  at: string;
}

/** A panel in the sidebar, with its roster for the panel card and completion. */
export interface WebPanel {
  id: string;
  name: string;
  seatedHere: boolean;
  people: { name: string; personaId: string; avatarUrl: string; bio: string }[];
}

/** What `GET /api/state` answers: everything the page needs to draw itself after a (re)load. */
export interface WebState {
  userId: string;
  channelKey: string;
  panels: WebPanel[];
  threads: WebThread[];
  /** Messages at the channel root. */
  channel: WebMessage[];
  commands: { words: string; usage: string; summary: string }[];
}

/** One server-sent event: a new or edited message (the page upserts by id). */
export interface WebEvent {
  type: 'message' | 'panels';
  message?: WebMessage;
}
