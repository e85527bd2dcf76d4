import { z } from 'zod';
import type { JobKind } from '../../commands/jobs/job-types.js';
import { botText } from '../../commands/replies.js';
import type { LanguageModel } from '../../engine/llm/port.js';

/** The input of a probe job: its number within its channel. */
export const ProbeInput = z.object({ seq: z.number().int() });

/**
 * A small real job for queue tests and benches: posts `#<seq> start`, asks the model once, posts
 * `#<seq> done <answer>`, reports progress. Every post is keyed, so a job resumed by another worker
 * posts nothing twice; the lane is the channel, so jobs of one channel run in order.
 *
 * @example
 *   const kinds = [probeJob(model)];
 */
export function probeJob(model: LanguageModel): JobKind<z.infer<typeof ProbeInput>> {
  return {
    kind: 'probe',
    input: ProbeInput,
    resumable: true,
    lane: (_input, conversation) => `probe:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Probe #${input.seq}`,
    async run(context, input) {
      const { conversation } = context;
      await context.post('start', botText(`#${input.seq} start`));
      const { value } = await model.complete({
        task: 'probe',
        messages: [{ role: 'user', content: `${conversation.tenantId} ${conversation.channelKey} #${input.seq}` }],
        schema: z.object({ answer: z.string() }),
        temperature: 0,
      });
      if (context.signal.aborted) throw context.signal.reason;
      await context.post('done', botText(`#${input.seq} done ${value.answer}`));
      return { answer: value.answer };
    },
  };
}
