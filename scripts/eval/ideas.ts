import { z } from 'zod';
import type { WorldEvent } from '../../engine/agent/events.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { OfflineResponders } from '../../engine/llm/offline/offline-model.js';
import { validationOfflineResponders } from '../../engine/llm/offline/validation/responders.js';
import { contentWords } from '../../engine/validation/text.js';
import type { WorldView } from '../../engine/world/world-port.js';

/** Structured output of `eval.ideas`. */
export const IdeasSchema = z.object({ ideas: z.array(z.string()) });

const IDEAS_SYSTEM = `You read the transcript of a brainstorming session and list every distinct product or service idea
proposed by the participants. Merge restatements and refinements of the same idea into one entry; do not invent ideas.
Answer with ideas: one short line per distinct idea.`;

function talksOf(events: readonly WorldEvent[]): WorldEvent[] {
  return events.filter((e) => e.kind === 'action' && e.type === 'TALK' && e.content.trim());
}

/** Counts the distinct ideas of a brainstorm (the paper's "Ideas Qty."), via an LLM extraction. */
export async function countIdeas(model: LanguageModel, world: WorldView, signal?: AbortSignal): Promise<string[]> {
  const talks = talksOf(world.trajectory());
  const transcript = talks.map((e) => `${e.agent}: ${e.content}`).join('\n') || '(nobody talked)';
  const { value } = await model.complete({
    task: 'eval.ideas',
    messages: [
      { role: 'system', content: IDEAS_SYSTEM },
      { role: 'user', content: `## Transcript\n\n${transcript}` },
    ],
    schema: IdeasSchema,
    temperature: 0,
    signal,
    hints: { talks: talks.map((e) => e.content) },
  });
  return value.ideas;
}

/** Offline: one idea per TALK sentence whose words are mostly new (word Jaccard < 0.5 with every kept one). */
const offlineIdeas = (talks: string[]) => {
  const kept: { text: string; words: Set<string> }[] = [];
  for (const sentence of talks.flatMap((t) => t.split(/(?<=[.!?])\s+/))) {
    const words = new Set(contentWords(sentence));
    if (words.size < 3) continue;
    const similar = kept.some((k) => {
      const shared = [...words].filter((w) => k.words.has(w)).length;
      return shared / (words.size + k.words.size - shared) >= 0.5;
    });
    if (!similar) kept.push({ text: sentence.slice(0, 80), words });
  }
  return kept.map((k) => k.text);
};

/** Offline answers for the evaluation's own tasks (judge scores reuse the offline proposition judge). */
export const evalOfflineResponders: OfflineResponders = {
  'eval.ideas': (request) => ({ ideas: offlineIdeas((request.hints?.talks as string[] | undefined) ?? []) }),
  'eval.score': validationOfflineResponders['proposition.score'],
  'eval.check': validationOfflineResponders['proposition.check'],
};
