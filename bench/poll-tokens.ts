/**
 * Input tokens per respondent of a 20-person yes/no poll with reasons, on a panel of TinyTroupe-size personas
 * (the project's own ≈1.6k-token fixture, `test/fixtures/tinytroupe-format/tinytroupe-size/`), counted over
 * what is sent (messages and the `response_format` JSON schema, gpt-tokenizer o200k), three ways:
 *
 * - full spec, nothing cached (the baseline);
 * - full spec, billed input once the persona's stable prefix is in the provider's cache (its next poll);
 * - compact profile (`LLM_COMPACT_PROFILE=poll`), plus the one-off cost of writing the profiles.
 *
 * Goals: ≤ 2,500 with the full spec's prefix cached, or ≤ 1,000 with the compact profile.
 */
import { writeCompactProfile } from '../engine/agent/compact-profile/write-profile.js';
import { answerSchemaFor } from '../engine/extraction/polls/answer-schema.js';
import { runPoll } from '../engine/extraction/polls/ask.js';
import { parsePoll } from '../engine/extraction/polls/definition.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { serializePrompt, sharedPrefix } from '../engine/llm/prompt-prefix.js';
import { responseFormatFor } from '../engine/llm/response-format.js';
import { countTokens } from '../engine/llm/tokens.js';
import { RecordingModel, tinyTroupeSizePanel } from './lib/cost-fixtures.js';

const poll = parsePoll({ kind: 'yes-no', question: 'Would you pay €3 a month for live bus times?' });
const next = parsePoll({ kind: 'yes-no', question: 'Would you recommend the app to a colleague?' });
const schemaTokens = countTokens(
  JSON.stringify(responseFormatFor('json_schema', answerSchemaFor(poll), 'poll.answer')),
);
const specs = tinyTroupeSizePanel(20);
const specTokens = specs.reduce((sum, spec) => sum + countTokens(JSON.stringify(spec)), 0) / specs.length;

const offline = new OfflineModel({ responders: allOfflineResponders() });
const writer = new RecordingModel(offline);
const profiles = await Promise.all(specs.map((spec) => writeCompactProfile(writer, spec)));
const profileInput = writer.calls.reduce((sum, call) => sum + countTokens(serializePrompt(call.messages)), 0);
const panel = specs.map((spec, i) => ({ id: `p${i + 1}`, name: spec.name, spec, profile: profiles[i].profile }));

async function perRespondent(compact: boolean) {
  const model = new RecordingModel(offline);
  await runPoll({ personas: panel, poll, model, compactProfile: compact });
  await runPoll({ personas: panel, poll: next, model, compactProfile: compact });
  const first = model.calls.slice(0, 20);
  const second = model.calls.slice(20);
  const sent = first.reduce((sum, call) => sum + countTokens(serializePrompt(call.messages)) + schemaTokens, 0) / 20;
  // On the next poll the persona's prefix (instructions, persona, schema) is served from the cache.
  const uncached =
    second.reduce((sum, call, i) => {
      const { tokens, totalTokens } = sharedPrefix(first[i].messages, call.messages);
      return sum + totalTokens - tokens;
    }, 0) / 20;
  return { sent, uncached };
}

const full = await perRespondent(false);
const compact = await perRespondent(true);
const profileTokens = profiles.reduce((sum, made) => sum + made.tokens, 0) / profiles.length;
const sources = profiles.reduce<Record<string, number>>((tally, made) => {
  tally[made.source] = (tally[made.source] ?? 0) + 1;
  return tally;
}, {});
const round = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(
  `poll-tokens: 20 respondents, yes/no with reasons; persona specs ${round(specTokens)} tokens on average, compact profiles ${round(profileTokens)} (${Object.entries(
    sources,
  )
    .map(([source, n]) => `${n} ${source}`)
    .join(', ')}, offline writer); response_format schema ${schemaTokens} tokens a request`,
);
console.log(
  `RESULT poll-tokens full spec: ${round(full.sent)} input tokens per respondent (baseline, nothing cached); ` +
    `${round(full.uncached)} not served from the cache on the persona's next poll (goal <= 2,500 with the prefix cached)`,
);
console.log(
  `RESULT poll-tokens compact profile: ${round(compact.sent)} input tokens per respondent (goal <= 1,000; full spec ${round(full.sent)}), ` +
    `${round(compact.uncached)} uncached on the next poll; writing the profiles once cost ${round(profileInput / specs.length)} input tokens per persona`,
);
