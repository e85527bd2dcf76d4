import type { ChatSink } from '../../commands/reply.js';
import { CommandService, type CommandServiceOptions } from '../../commands/service.js';
import { AckGate } from './ack-gate.js';
import { gatedSink } from './gated-sink.js';
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
  /** Acknowledgements ahead of work (default: a new gate; tests pass one with no quiet window). */
  gate?: AckGate;
}

/** The part of a chat adapter that is the same on every platform. */
export interface ChatSurface {
  service: CommandService;
  progressLane: ProgressLane;
  /**
   * Counts inbound deliveries until acknowledged; background work and every post wait for it, so
   * acknowledgements never queue behind store or model work.
   */
  gate: AckGate;
  /** Starts work after the pending acknowledgements went out, tracked for `whenIdle`. */
  background(work: () => Promise<unknown>): void;
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
  const gate = options.gate ?? new AckGate();
  const progressLane = new ProgressLane(gatedSink(options.sink, gate), {
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
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  return {
    service,
    progressLane,
    gate,
    track,
    background(work) {
      track(gate.clear().then(work));
    },
    async whenIdle() {
      while (pending.size) {
        await Promise.allSettled([...pending]);
        await settle();
      }
      await settle();
    },
    close() {
      gate.close();
      service.shutdown();
      progressLane.close();
    },
  };
}
