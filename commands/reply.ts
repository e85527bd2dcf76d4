/**
 * Platform-neutral replies. Handlers return these; each adapter renders them (Slack blocks,
 * Discord embeds, Teams cards, terminal lines). Nothing here knows a platform.
 *
 * @example
 *   const reply: Reply = { kind: 'text', text: 'I think…', speaker: { kind: 'persona', name: 'Ada', avatar } };
 */

/** Who a message is posted as. */
export type Speaker =
  | { kind: 'bot' }
  | {
      kind: 'persona';
      name: string;
      /** Data URI or URL of the persona's avatar (PNG/SVG). */
      avatar?: string;
      /** Stable id of the persona in the store. */
      personaId?: string;
    };

/** A structured block an adapter may render richly; `text` is always a readable fallback. */
export type Block =
  | { kind: 'section'; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'roster'; people: { name: string; avatar?: string; bio: string }[] }
  | {
      kind: 'actions';
      buttons: { id: string; label: string; value?: string }[];
      /**
       * When set, the first `count` buttons are the alternatives of one choice (a ballot): a platform whose button
       * rows are short renders them as a select (Teams `Input.ChoiceSet`, a Slack `static_select`) with one
       * submit; the remaining buttons stay buttons. Without it every button is a button.
       * @example { count: 7, prompt: 'Your answer', submitLabel: 'Vote' }
       */
      choice?: { count: number; prompt: string; submitLabel: string };
    }
  | { kind: 'context'; text: string };

/** Where a reply goes inside a channel. */
export type Placement = 'channel' | 'thread';

interface ReplyBase {
  speaker?: Speaker;
  /** Only the person who asked sees it (errors, help). */
  ephemeral?: boolean;
  /** Post at the channel root (e.g. a question that opens a thread) or in the current thread. */
  placement?: Placement;
  /**
   * Stable key for idempotent posting: the same logical reply always gets the same key,
   * so a restarted job never posts it twice.
   */
  idempotencyKey?: string;
  /**
   * This post opens a thread (a question): the adapter returns the new thread's key. By
   * convention the key equals the post's platform message id (Slack `thread_ts`, Discord thread id).
   */
  opensThread?: boolean;
}

export type Reply =
  | (ReplyBase & { kind: 'text'; text: string; blocks?: Block[] })
  | (ReplyBase & { kind: 'image'; title: string; png: Uint8Array; altText: string })
  | (ReplyBase & { kind: 'file'; filename: string; mimeType: string; bytes: Uint8Array; title?: string })
  /** Creates or edits one progress message identified by `progressKey`. */
  | (ReplyBase & {
      kind: 'progress';
      progressKey: string;
      text: string;
      done?: number;
      total?: number;
      finished?: boolean;
      /** Platform id of the progress message to edit (known after a restart from the PostStore). */
      editMessageId?: string;
    })
  /** Asks the person to confirm an expensive command (rendered as buttons or a typed `confirm <id>`). */
  | (ReplyBase & { kind: 'confirm'; text: string; confirmId: string });

/** Where a command came from: the conversation its replies belong to. */
export interface Conversation {
  tenantId: string;
  /** Platform channel key (`C123`, `local:main`, …). */
  channelKey: string;
  /** Thread key when the command was given inside a thread. */
  threadKey?: string;
  /** The human who asked (platform user id). */
  userId: string;
  /**
   * Their display name, when the platform gave it with the event. Kept only where the workspace allows it
   * (`/config export-names on`, for people poll votes); never needed otherwise.
   */
  userName?: string;
  /**
   * The persona a plain message is addressed to, when the platform knows it (a reply to that
   * persona's message, a mention). Follow-ups then go to that persona only.
   */
  addressedPersona?: string;
}

/** A message a sink found already delivered (see `ChatSink.findPosted`). */
export interface PostedMessage {
  /** The platform's message id (Slack `ts`). */
  messageId: string;
  /** The thread the message roots, when it is a thread's first message. */
  threadKey?: string;
}

/**
 * What an adapter provides so commands and jobs can post. Implemented per platform in
 * `adapters/<platform>/`; returns the platform's message id.
 *
 * Exactly-once posting: a sink that can read back what it posted implements `findPosted`, and
 * `post` must then carry `reply.idempotencyKey` on the platform message (Slack: message metadata)
 * so the lookup can find it. The IdempotentPoster asks only after a crash (a key reserved in the
 * PostStore without a platform id), never on the normal path.
 *
 * @example
 *   const found = await sink.findPosted?.(conversation, 'job:42:answer:Ada:1:0');
 *   if (!found) await sink.post(conversation, reply);
 */
export interface ChatSink {
  post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }>;
  /**
   * Was a message carrying this idempotency key already delivered to the conversation? Returns it,
   * or undefined when it is certainly not there (then the caller posts it). `reply` (the reply
   * about to be posted) tells where to look, e.g. `placement: 'channel'` → the channel root.
   * Throw when the platform cannot answer (missing scope, outage): the caller then treats the
   * message as possibly delivered and does not post it.
   */
  findPosted?(conversation: Conversation, idempotencyKey: string, reply?: Reply): Promise<PostedMessage | undefined>;
  /**
   * Whether `findPosted` would see `reply` once delivered (default: true when `findPosted`
   * exists). False for kinds the platform cannot tag, e.g. Slack file uploads and ephemeral
   * messages; for those the poster stays at-most-once.
   */
  canFindPosted?(reply: Reply): boolean;
}
