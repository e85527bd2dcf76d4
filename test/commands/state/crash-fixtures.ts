import type { Conversation, PostedMessage } from '../../../commands/reply.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import type { Store } from '../../../engine/store/ports.js';
import { RecordingSink } from '../harness.js';

const never = () => new Promise<never>(() => undefined);

/**
 * The store as a process killed at its `k`-th store call sees it (1-based): that call and every
 * later one never return, so nothing more of that process reaches the store (or, through
 * reservations, the platform). `calls` counts every call, so a run without a crash measures N.
 */
export function dyingStore(store: Store, k: number) {
  let calls = 0;
  const methods: string[] = [];
  let announce: () => void = () => undefined;
  const crashed = new Promise<void>((resolve) => (announce = resolve));
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        methods.push(String(property));
        if (calls >= k) {
          announce();
          return never();
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, crashed, calls: () => calls, methods };
}

/** A fake platform that can read back what it delivered by idempotency key, as Slack's metadata allows. */
export class FindingSink extends RecordingSink {
  async findPosted(_conversation: Conversation, key: string): Promise<PostedMessage | undefined> {
    const found = this.posts.find((entry) => entry.reply.idempotencyKey === key);
    return found && { messageId: found.messageId, threadKey: found.reply.opensThread ? found.messageId : undefined };
  }

  /** Persona answers as delivered: `speaker: text`, one per message. */
  answers(): string[] {
    return this.posts
      .filter((entry) => entry.reply.speaker?.kind === 'persona')
      .map((entry) => `${(entry.reply.speaker as { name: string }).name}: ${(entry.reply as { text: string }).text}`);
  }
}

/**
 * A model whose persona answers differ on every call (like a real model with the cache off): the
 * n-th `agent.act` call of the process labelled `run` ends its TALKs with "(run, take n)". A
 * regenerated answer is then visible.
 */
export class VaryingModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  private takes = 0;

  constructor(
    private readonly inner: LanguageModel,
    private readonly run: string,
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const result = await this.inner.complete(request);
    if (request.task !== 'agent.act') return result;
    const take = ++this.takes;
    const value = result.value as { actions: { type: string; content?: string }[] };
    const actions = value.actions.map((action) =>
      action.type === 'TALK' ? { ...action, content: `${action.content} (${this.run}, take ${take})` } : action,
    );
    return { ...result, value: { ...value, actions } as T };
  }
}
