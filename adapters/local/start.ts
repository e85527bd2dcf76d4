import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CommandService, type CommandServiceOptions } from '../../commands/service.js';
import type { Store } from '../../engine/store/ports.js';
import { LocalChat } from './local-chat.js';
import { TerminalSink } from './terminal-sink.js';
import { ThreadNumbers } from './thread-numbers.js';

export interface StartLocalChatOptions extends Omit<CommandServiceOptions, 'sink' | 'store'> {
  store: Store;
  input: Readable;
  output: Writable;
  /** Defaults to whether both ends are TTYs. */
  interactive?: boolean;
  tty?: boolean;
  outDir?: string;
  /** One-line notices printed first (e.g. how to connect a real model). */
  notices?: string[];
}

const TENANT = 'local';
const CHANNEL = 'local:main';

/**
 * Builds the terminal sink and the command service for the local channel, recovers unfinished
 * jobs, and runs the chat until the input ends.
 *
 * @example
 *   await startLocalChat({ store, model, limits, input: process.stdin, output: process.stdout });
 */
export async function startLocalChat(options: StartLocalChatOptions): Promise<void> {
  const tty = options.tty ?? Boolean((options.output as { isTTY?: boolean }).isTTY);
  const interactive = options.interactive ?? (tty && Boolean((options.input as { isTTY?: boolean }).isTTY));
  await options.store.ensureTenant({ id: TENANT, platform: 'local', name: 'local terminal' });
  const threads = new ThreadNumbers(options.store, TENANT, CHANNEL);
  const sink = new TerminalSink({ out: options.output, tty, outDir: path.resolve(options.outDir ?? 'out'), threads });
  const service = new CommandService({ ...options, sink });
  for (const notice of options.notices ?? []) sink.write(notice);
  sink.write('Troupe local chat — channel local:main. Type /help for commands; /quit to leave.');
  const recovery = await service.recoverJobs();
  if (recovery.resumed.length || recovery.interrupted.length) {
    sink.write(
      `Recovered after a restart: ${recovery.resumed.length} job(s) resumed, ${recovery.interrupted.length} reported as interrupted.`,
    );
  }
  if (!interactive) await service.whenIdle();
  const chat = new LocalChat({
    service,
    sink,
    threads,
    input: options.input,
    interactive,
    tenantId: TENANT,
    channelKey: CHANNEL,
  });
  try {
    await chat.run();
  } finally {
    await service.whenIdle();
  }
}
