import type { Readable } from 'node:stream';
import type { CommandService } from '../../commands/service.js';
import type { Conversation } from '../../commands/reply.js';
import type { TerminalSink } from './terminal-sink.js';
import { errorReply } from '../../commands/replies.js';
import { MAX_PASTED_JSON_CHARS } from '../../commands/grammar/raw-json.js';
import { isUnfinishedJson, type LineWithFiles, readLineFiles } from './local-files.js';
import { linesOf } from './lines.js';
import { threadKeyOf, type ThreadNumbers } from './thread-numbers.js';

export interface LocalChatOptions {
  service: CommandService;
  sink: TerminalSink;
  threads: ThreadNumbers;
  input: Readable;
  /** Interactive: jobs run in the background while you type. Scripted: each line waits for its jobs. */
  interactive: boolean;
  tenantId?: string;
  channelKey?: string;
  userId?: string;
}

/**
 * The terminal chat: one local channel; each question opens a numbered thread. `/thread 2`
 * switches to thread #2 (`/thread` alone goes back to the channel), `#2 <text>` writes in thread
 * #2 once. Reads lines until EOF, then waits for running jobs, so it can be scripted.
 *
 * @example
 *   await new LocalChat({ service, sink, threads, input: process.stdin, interactive: process.stdin.isTTY }).run();
 */
export class LocalChat {
  private currentThread?: string;
  /** Lines of a multi-line `/panel add` JSON paste read so far. */
  private pending: string[] = [];
  private readonly base: Conversation;

  constructor(private readonly options: LocalChatOptions) {
    this.base = {
      tenantId: options.tenantId ?? 'local',
      channelKey: options.channelKey ?? 'local:main',
      userId: options.userId ?? 'you',
    };
  }

  /** Processes lines until the input ends (or `/quit`), then waits for running jobs. */
  async run(): Promise<void> {
    for await (const line of linesOf(this.options.input)) {
      const keepGoing = await this.line(line);
      if (!keepGoing) break;
    }
    // An unfinished paste at the end of the input still gets its answer (the JSON error).
    if (this.pending.length) await this.handleLine(this.pending.splice(0).join('\n'));
    await this.options.service.whenIdle();
  }

  /** Handles one typed line; false ends the chat. */
  async line(raw: string): Promise<boolean> {
    const typed = raw.replace(/\r$/, '');
    if (this.pending.length || isUnfinishedJson(typed)) {
      this.pending.push(typed);
      const whole = this.pending.join('\n');
      // A paste that never closes is cut at the paste limit, so the chat never waits forever.
      if (isUnfinishedJson(whole) && whole.length <= MAX_PASTED_JSON_CHARS) return true;
      this.pending = [];
      return this.handleLine(whole);
    }
    return this.handleLine(typed);
  }

  private async handleLine(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed) return true;
    if (/^\/(quit|exit)$/i.test(trimmed)) return false;
    const thread = /^\/thread(?:\s+#?(\S+))?\s*$/i.exec(trimmed);
    if (thread) {
      await this.switchThread(thread[1]);
      return true;
    }
    const once = /^#(\d+)\s+([\s\S]+)$/.exec(trimmed);
    if (once) {
      const n = Number(once[1]);
      if (!(await this.options.threads.exists(n))) {
        this.options.sink.write(`There is no thread #${n} yet. Example: #1 What about the price?`);
        return true;
      }
      await this.send({ ...this.base, threadKey: threadKeyOf(n) }, once[2]);
      return true;
    }
    await this.send(this.currentThread ? { ...this.base, threadKey: this.currentThread } : this.base, text);
    return true;
  }

  private async send(conversation: Conversation, text: string): Promise<void> {
    let line: LineWithFiles;
    try {
      line = await readLineFiles(text);
    } catch (error) {
      await this.options.service.reply(conversation, errorReply(error));
      return;
    }
    await this.options.service.handle(conversation, line.text, line.files);
    if (!this.options.interactive) await this.options.service.whenIdle();
  }

  private async switchThread(target: string | undefined): Promise<void> {
    if (target === undefined || target === '0' || /^(main|channel)$/i.test(target)) {
      this.currentThread = undefined;
      this.options.sink.write('Now in the channel (local:main). Plain messages ask the panel a new question.');
      return;
    }
    const n = Number(target);
    if (!(await this.options.threads.exists(n))) {
      this.options.sink.write(
        `There is no thread #${target}. Example: /thread 1 (or /thread to go back to the channel).`,
      );
      return;
    }
    this.currentThread = threadKeyOf(n);
    this.options.sink.write(`Now in thread #${n}: plain messages are follow-ups to the panel (@Name for one persona).`);
  }
}
