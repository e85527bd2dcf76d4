import { randomBytes } from 'node:crypto';
import { TroupeError, UserInputError } from '../engine/errors.js';
import { silentLog, type Log } from './log.js';
import { modelLabel } from '../engine/llm/model-routes.js';
import type { LanguageModel } from '../engine/llm/port.js';
import type { Block, Reply } from './reply.js';

/** Small constructors for the replies handlers post. */

/** A plain message from the bot. */
export function botText(text: string, extra: Partial<Extract<Reply, { kind: 'text' }>> = {}): Reply {
  return { kind: 'text', text, speaker: { kind: 'bot' }, ...extra };
}

/** The label every persona answer and summary carries: synthetic, and which model produced it. */
export function syntheticLabel(model: Pick<LanguageModel, 'name' | 'routes'>, what = 'Synthetic persona'): Block {
  return { kind: 'context', text: `${what} · ${modelLabel(model)}` };
}

/**
 * Turns any error into a reply: what was wrong and (for input errors) a correct example. An internal
 * error (a database failure, a bug, anything not a `TroupeError`) is never shown: the channel gets a
 * short message with an error id, the log gets the detail under that id.
 */
export function errorReply(error: unknown, log: Log = silentLog): Reply {
  if (error instanceof UserInputError) {
    const example = error.example ? `\nExample: ${error.example}` : '';
    return botText(`${error.message}${example}`, {
      ephemeral: true,
      blocks: [
        { kind: 'section', text: error.message },
        ...(error.example ? [{ kind: 'context' as const, text: `Example: ${error.example}` }] : []),
      ],
    });
  }
  if (error instanceof TroupeError) {
    // A failed model or platform call concerns everyone following the conversation, so it is
    // posted visibly (in the thread); only input mistakes stay private to the person who typed them.
    const visible = error.kind === 'model' || error.kind === 'platform';
    const prefix = {
      model: 'The language model could not complete this, even after retrying',
      platform: 'The chat platform failed',
      config: 'Configuration problem',
      cancelled: 'Cancelled',
      user: '',
    }[error.kind];
    const advice = error.kind === 'model' ? ' You can run the command again; answers already posted are kept.' : '';
    return botText(`${prefix}: ${error.message}.${advice}`.replace(/\.\./g, '.'), { ephemeral: !visible });
  }
  const errorId = `e-${randomBytes(4).toString('hex')}`;
  log.error({ errorId, err: error }, 'internal error');
  return botText(
    `Something went wrong on our side (error id ${errorId}). It has been logged; try again, and give the id to whoever runs Troupe if it keeps happening.`,
    { ephemeral: true },
  );
}
