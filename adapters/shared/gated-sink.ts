import type { ChatSink } from '../../commands/reply.js';
import type { AckGate } from './ack-gate.js';

/**
 * A ChatSink whose every post (and look-up of an earlier post) first lets pending
 * acknowledgements go out: a running job pauses at its next message while a burst of commands is
 * being acknowledged, instead of holding the event loop with its store and platform work.
 *
 * @example
 *   const sink = gatedSink(new SlackSink(options), gate);
 */
export function gatedSink(inner: ChatSink, gate: AckGate): ChatSink {
  const findPosted = inner.findPosted?.bind(inner);
  return {
    async post(conversation, reply) {
      await gate.clear();
      return inner.post(conversation, reply);
    },
    ...(findPosted
      ? {
          async findPosted(conversation, key, reply) {
            await gate.clear();
            return findPosted(conversation, key, reply);
          },
        }
      : {}),
    ...(inner.canFindPosted ? { canFindPosted: inner.canFindPosted.bind(inner) } : {}),
  };
}
