import type { ChatSink, Conversation, Reply } from '../../commands/reply.js';
import { CommandService, type CommandLimits } from '../../commands/service.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PriceTable } from '../../engine/llm/prices.js';
import { MeteredModel } from '../../engine/llm/metered-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import type { Store } from '../../engine/store/ports.js';

/** A ChatSink that keeps every reply with its conversation, numbering threads like the local chat. */
export class RecordingSink implements ChatSink {
  readonly posts: { conversation: Conversation; reply: Reply; messageId: string }[] = [];
  private counter = 0;

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const messageId =
      (reply.kind === 'progress' ? reply.editMessageId : undefined) ??
      (reply.opensThread ? `t${++this.counter}` : `m${++this.counter}`);
    this.posts.push({ conversation, reply, messageId });
    return { messageId, threadKey: reply.opensThread ? messageId : undefined };
  }

  texts(filter: (entry: RecordingSink['posts'][number]) => boolean = () => true): string[] {
    return this.posts.filter(filter).flatMap((entry) => ('text' in entry.reply ? [entry.reply.text] : []));
  }

  last(): Reply | undefined {
    return this.posts[this.posts.length - 1]?.reply;
  }
}

export const CONVERSATION: Conversation = { tenantId: 'T1', channelKey: 'C1', userId: 'U1' };

/** A command service on a MemoryStore and the metered offline model. */
export function makeService(
  options: {
    limits?: Partial<CommandLimits>;
    prices?: PriceTable;
    model?: LanguageModel;
    store?: Store;
    sink?: RecordingSink;
  } = {},
) {
  const store = options.store ?? new MemoryStore();
  const model =
    options.model ??
    new MeteredModel(new OfflineModel({ responders: allOfflineResponders() }), {
      usageStore: store,
      prices: options.prices,
    });
  const sink = options.sink ?? new RecordingSink();
  const service = new CommandService({
    store,
    model,
    sink,
    prices: options.prices,
    limits: { maxPanelSize: 50, maxConcurrentJobs: 3, ...options.limits },
  });
  return { store, model, sink, service };
}

/** Runs a command and waits for its job. */
export async function run(service: CommandService, text: string, conversation: Conversation = CONVERSATION) {
  const outcome = await service.handle(conversation, text);
  await service.whenIdle();
  return outcome;
}

/** Everything the store holds for a tenant that a command could change. */
export async function snapshot(store: Store, tenantId = CONVERSATION.tenantId, channelKey = CONVERSATION.channelKey) {
  const panels = await store.listPanels(tenantId);
  const personas = await Promise.all(panels.map((panel) => store.listPersonas(tenantId, panel.id)));
  const world = await store.getWorld(tenantId, channelKey);
  const events = world ? await store.listEvents(tenantId, world.id) : [];
  return {
    panels,
    personas,
    world,
    events,
    jobs: await store.listJobs(tenantId, 1000),
    posts: await store.listPosts(tenantId, channelKey),
    usage: await store.summarizeUsage(tenantId),
    interventions: await store.getValue(tenantId, `interventions:${channelKey}`),
    lastThread: await store.getValue(tenantId, `thread:last:${channelKey}`),
  };
}
