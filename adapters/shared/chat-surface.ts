import type { ChatSink } from '../../commands/reply.js';
import { CommandService, type CommandServiceOptions } from '../../commands/service.js';
import { ProgressLane } from './progress-lane.js';

/** Something that can wait until everything queued in it has been sent. */
export interface Drainable {
  drain(): Promise<void>;
}

/** What `createChatSurface` needs from an adapter. */
export interface ChatSurfaceOptions {
  /** The platform's sink; the surface wraps it in the coalescing progress lane. */
  sink: ChatSink;
  /** Everything the command service takes except its sink. */
  service: Omit<CommandServiceOptions, 'sink'>;
  /** At most one progress edit per message this often (default 3000 ms). */
  progressEditIntervalMs?: number;
  onProgressError: (error: unknown) => void;
  /** The adapter's send queues, drained by `whenIdle`. */
  queues: Drainable[];
}

/** The part of a chat adapter that is the same on every platform. */
export interface ChatSurface {
  service: CommandService;
  progressLane: ProgressLane;
  /** Background work started by an inbound event (acknowledged already); `whenIdle` waits for it. */
  track(work: Promise<unknown>): void;
  /** Resolves once tracked work, jobs, progress edits and every send queue are done. */
  whenIdle(): Promise<void>;
  /** Aborts running jobs (they stay resumable) and stops the progress lane. */
  close(): void;
}

/**
 * Wires what Slack, Discord and Teams share: the progress lane over the platform sink, the command
 * service posting through it, and the tracking of background work.
 *
 * @example
 *   const surface = createChatSurface({ sink, service: { store, model, limits }, onProgressError: log, queues: [queue] });
 *   surface.track(surface.service.handle(conversation, text));
 */
export function createChatSurface(options: ChatSurfaceOptions): ChatSurface {
  const progressLane = new ProgressLane(options.sink, {
    minEditIntervalMs: options.progressEditIntervalMs ?? 3000,
    onError: options.onProgressError,
  });
  const service = new CommandService({ ...options.service, sink: progressLane });
  const pending = new Set<Promise<unknown>>();
  const settle = async () => {
    await service.whenIdle();
    await progressLane.drain();
    for (const queue of options.queues) await queue.drain();
  };
  return {
    service,
    progressLane,
    track(work) {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
    async whenIdle() {
      while (pending.size) {
        await Promise.allSettled([...pending]);
        await settle();
      }
      await settle();
    },
    close() {
      service.shutdown();
      progressLane.close();
    },
  };
}
