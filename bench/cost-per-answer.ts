/**
 * Dollars per persona answer at list prices (`engine/llm/prices.ts`) for an ask thread, a poll and a
 * brainstorm, with the cost features on and off (the same work both times):
 *
 * - off: one model (gpt-4.1-mini) for everything, no `prompt_cache_key`, a provider that caches nothing,
 *   polls on the full spec;
 * - on: `LLM_MODEL_SMALL=gpt-4.1-nano` for consolidation and profile writing, `prompt_cache_key` per persona,
 *   a provider cache simulated as OpenAI documents it (prefixes of 1,024+ tokens, 128-token steps, cached input
 *   at the cached rate), polls on compact profiles (their one-off writing included in the poll's cost).
 *
 * Everything goes through the real stack (`createLanguageModel`: metering, retry, request gate, the `openai`
 * client) against the loopback fake of the chat-completions API, which answers with TinyTroupe-length turns
 * (`lib/realistic-turns.ts`) and reports the usage the simulated provider would bill.
 */
import { extractiveProfile } from '../engine/agent/compact-profile/extractive-profile.js';
import { writeCompactProfile } from '../engine/agent/compact-profile/write-profile.js';
import { TinyPerson } from '../engine/agent/index.js';
import type { PersonaSpec } from '../engine/agent/persona-spec.js';
import { runPoll } from '../engine/extraction/polls/ask.js';
import { createLanguageModel } from '../engine/llm/create-model.js';
import type { MeteredModel } from '../engine/llm/metered-model.js';
import { serializePrompt } from '../engine/llm/prompt-prefix.js';
import { countTokens } from '../engine/llm/tokens.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { startFakeOpenAIServer, type ScriptedResponse } from '../test/fakes/openai-server.js';
import { libraryPersonas, PromptCacheSimulator, tinyTroupeSizePanel } from './lib/cost-fixtures.js';
import { realisticMemories, realisticTurn } from './lib/realistic-turns.js';

const pollPanel = tinyTroupeSizePanel(20);
const profileOf = new Map(pollPanel.map((spec) => [spec.name, extractiveProfile(spec)]));

async function measure(on: boolean) {
  const cache = new PromptCacheSimulator(on);
  let call = 0;
  const fake = await startFakeOpenAIServer({
    respond: (body): ScriptedResponse => {
      call++;
      const schemaName = String(body.response_format?.json_schema?.name ?? '');
      const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
      const name = /^Name: (.+)$/m.exec(user)?.[1] ?? '';
      const value = schemaName.includes('consolidate')
        ? realisticMemories(call)
        : schemaName.includes('profile')
          ? { profile: profileOf.get(name) ?? `${name}.` }
          : schemaName.includes('poll')
            ? {
                answer: call % 3 ? 'yes' : 'no',
                reason: 'It would save me time on the way to work, if the price stays fair.',
              }
            : realisticTurn(call);
      const prompt = serializePrompt(body.messages) + JSON.stringify(body.response_format ?? {});
      const key = typeof body.prompt_cache_key === 'string' ? body.prompt_cache_key : undefined;
      return {
        kind: 'json',
        value,
        usage: {
          prompt_tokens: countTokens(prompt),
          completion_tokens: countTokens(JSON.stringify(value)),
          cached_tokens: cache.cachedTokens(key, prompt),
        },
      };
    },
  });
  const model: MeteredModel = createLanguageModel(
    {
      llm: {
        provider: 'openai',
        baseURL: fake.url,
        apiKey: 'bench',
        model: 'gpt-4.1-mini',
        smallModel: on ? 'gpt-4.1-nano' : undefined,
        promptCacheKey: on ? 'auto' : 'off',
        maxConcurrency: 4,
        timeoutMs: 30_000,
        cache: false,
      },
    },
    { retry: { sleep: async () => undefined } },
  );
  const spent = () => model.tally.total.costUsd;
  const figures: Record<string, { usd: number; answers: number; cachedShare: number }> = {};
  const run = async (label: string, answers: number, work: () => Promise<void>) => {
    const before = model.tally.total;
    await work();
    const after = model.tally.total;
    figures[label] = {
      usd: spent() - before.costUsd,
      answers,
      cachedShare:
        (after.cachedInputTokens - before.cachedInputTokens) / Math.max(1, after.inputTokens - before.inputTokens),
    };
  };
  const world = (specs: PersonaSpec[]) => {
    const clock = new SimulatedClock();
    const agents = specs.map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
    const made = new TinyWorld({ name: 'bench', agents, clock });
    made.makeEveryoneAccessible();
    return made;
  };

  const five = libraryPersonas().slice(0, 5);
  await run('ask', 5 * 3, async () => {
    const thread = world(five);
    for (const question of [
      'Would a live bus-tracking app be worth paying for?',
      'What would you pay per month?',
      'What would make you cancel it?',
    ]) {
      thread.broadcast(question, 'facilitator');
      await thread.run({ steps: 1 });
    }
  });
  await run('poll', 20 * 3, async () => {
    const personas = pollPanel.map((spec, i) => ({
      id: `p${i}`,
      name: spec.name,
      spec,
      profile: undefined as string | undefined,
    }));
    if (on) for (const persona of personas) persona.profile = (await writeCompactProfile(model, persona.spec)).profile;
    for (const question of ['Would you pay €3 a month?', 'Would you recommend it?', 'Would you share your location?'])
      await runPoll({ personas, poll: { kind: 'yes-no', question }, model, compactProfile: on });
  });
  await run('brainstorm', 5 * 5, async () => {
    const room = world(five);
    room.broadcast('Brainstorm features for a bus-tracking app for commuters.', 'facilitator');
    await room.run({ steps: 5 });
  });
  await fake.close();
  return figures;
}

const off = await measure(false);
const on = await measure(true);
console.log(
  'cost-per-answer: list prices gpt-4.1-mini $0.40/$0.10 cached/$1.60 per 1M, gpt-4.1-nano $0.10/$0.025/$0.40',
);
for (const label of ['ask', 'poll', 'brainstorm']) {
  const a = off[label];
  const b = on[label];
  const perOff = a.usd / a.answers;
  const perOn = b.usd / b.answers;
  console.log(
    `RESULT cost-per-answer ${label}: $${perOn.toFixed(6)} per answer with caching+routing on (${(100 * b.cachedShare).toFixed(0)} % of input cached) ` +
      `vs $${perOff.toFixed(6)} off (baseline), ratio on/off ${(perOn / perOff).toFixed(2)} (${b.answers} answers)`,
  );
}
