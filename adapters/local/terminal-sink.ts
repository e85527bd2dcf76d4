import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { ChatSink, Conversation, Reply } from '../../commands/reply.js';
import { threadKeyOf, threadLabel, type ThreadNumbers } from './thread-numbers.js';
import { paint, personaColor, type Painter } from './colors.js';

export interface TerminalSinkOptions {
  out: Writable;
  /** Colours and in-place progress (a TTY); plain lines otherwise. */
  tty: boolean;
  /** Where charts and exports are written (e.g. `./out`). */
  outDir: string;
  threads: ThreadNumbers;
}

/**
 * Renders replies as terminal lines: each persona answer under the persona's name (coloured in a
 * TTY), progress on one line (rewritten in a TTY, one line per update otherwise), charts and
 * exports written under `outDir` with their paths printed.
 *
 * @example
 *   const sink = new TerminalSink({ out: process.stdout, tty: true, outDir: 'out', threads });
 */
export class TerminalSink implements ChatSink {
  private counter = 0;
  private lastProgress?: { key: string; text: string };
  private readonly paint: Painter;

  constructor(private readonly options: TerminalSinkOptions) {
    this.paint = paint(options.tty);
  }

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    if (reply.kind === 'progress') return this.progress(conversation, reply);
    this.endProgressLine();
    let threadKey = conversation.threadKey;
    let messageId = `m${++this.counter}`;
    if (reply.opensThread) {
      threadKey = threadKeyOf(await this.options.threads.next());
      messageId = threadKey;
    }
    const prefix = this.paint.dim(threadLabel(threadKey));
    const who =
      reply.speaker?.kind === 'persona'
        ? this.paint.color(personaColor(reply.speaker.name), this.paint.bold(reply.speaker.name))
        : this.paint.dim('troupe');
    switch (reply.kind) {
      case 'text': {
        const lines = reply.text.split('\n');
        const opener = reply.opensThread ? `${this.paint.bold('new thread')} ` : '';
        this.write(`${prefix}${who}: ${opener}${lines[0]}`);
        for (const line of lines.slice(1))
          this.write(`${' '.repeat(visibleLength(threadLabel(threadKey)) + 2)}${line}`);
        for (const block of reply.blocks ?? [])
          if (block.kind === 'context' && !reply.text.includes(block.text))
            this.write(this.paint.dim(`${' '.repeat(visibleLength(threadLabel(threadKey)) + 2)}(${block.text})`));
        break;
      }
      case 'image': {
        const file = await this.save(`${slug(reply.title)}.png`, reply.png);
        this.write(`${prefix}${who}: chart "${reply.title}" written to ${file}`);
        break;
      }
      case 'file': {
        const file = await this.save(reply.filename, reply.bytes);
        this.write(`${prefix}${who}: ${reply.title ?? 'file'} written to ${file}`);
        break;
      }
      case 'confirm':
        this.write(`${prefix}${who}: ${reply.text}`);
        break;
    }
    return { messageId, threadKey: reply.opensThread ? threadKey : undefined };
  }

  private progress(conversation: Conversation, reply: Extract<Reply, { kind: 'progress' }>): { messageId: string } {
    const messageId = reply.editMessageId ?? `p${++this.counter}`;
    const text = `${this.paint.dim(threadLabel(conversation.threadKey))}${this.paint.dim('…')} ${reply.text}`;
    const same = this.lastProgress?.key === reply.progressKey;
    if (same && this.lastProgress?.text === reply.text) return { messageId };
    if (this.options.tty && same) this.options.out.write(`\r\x1b[2K${text}`);
    else {
      this.endProgressLine();
      this.options.out.write(this.options.tty ? text : `${text}\n`);
    }
    this.lastProgress = { key: reply.progressKey, text: reply.text };
    if (reply.finished) this.endProgressLine();
    return { messageId };
  }

  /** In a TTY the progress line has no newline yet; finish it before printing anything else. */
  private endProgressLine(): void {
    if (this.lastProgress && this.options.tty) this.options.out.write('\n');
    this.lastProgress = undefined;
  }

  /** Prints a line from the chat itself (notices, prompts). */
  write(line: string): void {
    this.endProgressLine();
    this.options.out.write(`${line}\n`);
  }

  private async save(filename: string, bytes: Uint8Array): Promise<string> {
    await mkdir(this.options.outDir, { recursive: true });
    const safe = path.basename(filename).replace(/[^\w.-]+/g, '-') || 'file';
    const parsed = path.parse(safe);
    let candidate = path.join(this.options.outDir, safe);
    for (let n = 2; await exists(candidate); n++)
      candidate = path.join(this.options.outDir, `${parsed.name}-${n}${parsed.ext}`);
    await writeFile(candidate, bytes);
    return candidate;
  }
}

async function exists(file: string): Promise<boolean> {
  const { access } = await import('node:fs/promises');
  return access(file).then(
    () => true,
    () => false,
  );
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'chart'
  );
}

function visibleLength(text: string): number {
  return [...text].length;
}
