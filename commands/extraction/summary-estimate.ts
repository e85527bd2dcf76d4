import { transcriptLines } from '../../engine/extraction/transcript.js';
import { countTokens } from '../../engine/llm/tokens.js';
import type { Store } from '../../engine/store/ports.js';
import type { TurnProjection } from '../jobs/turn-estimate.js';
import type { Conversation } from '../reply.js';

/** The extractor's instructions, the summary's objective and fields (measured on `extractMessages`). */
const INSTRUCTIONS = 350;
/** A focus-group summary as real models write it (themes with quotes, the lists): about 1,000 tokens. */
const SUMMARY_OUTPUT = 1000;
/** The extractor's chunk budget (`ResultsExtractor` default): a longer transcript is map-reduced. */
const CHUNK_TOKENS = 6000;

/** A summary of a thread not read yet (one a job is about to write): one call over a short transcript. */
export const SHORT_SUMMARY: TurnProjection = {
  calls: 1,
  inputTokens: INSTRUCTIONS + 1500,
  outputTokens: SUMMARY_OUTPUT,
};

/**
 * The calls and tokens of a `/summarize`, from the transcript it will read: one call over the thread (or the
 * channel with `--all`), or one per 6,000-token chunk plus the reduce call. A thread not known yet (typed right
 * after an ask) counts as a short one.
 *
 * @example
 *   const projected = await summaryWork(store, conversation, threadKey, false);
 */
export async function summaryWork(
  store: Store,
  conversation: Conversation,
  threadKey: string | undefined,
  all: boolean,
): Promise<TurnProjection> {
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const events =
    world && (threadKey || all)
      ? await store.listEvents(conversation.tenantId, world.id, all ? undefined : { threadKey })
      : [];
  const transcript = countTokens(
    transcriptLines(events)
      .map((line) => line.rendered)
      .join('\n'),
  );
  const chunks = Math.max(1, Math.ceil(transcript / CHUNK_TOKENS));
  if (chunks === 1) return { calls: 1, inputTokens: INSTRUCTIONS + transcript, outputTokens: SUMMARY_OUTPUT };
  return {
    calls: chunks + 1,
    inputTokens: chunks * INSTRUCTIONS + transcript + INSTRUCTIONS + chunks * SUMMARY_OUTPUT,
    outputTokens: (chunks + 1) * SUMMARY_OUTPUT,
  };
}
