import type { Action } from '../../engine/agent/events.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { JobContext } from '../jobs/job-types.js';
import type { Block, Conversation } from '../reply.js';
import { botText, syntheticLabel } from '../replies.js';
import type { PanelSession } from './panel-session.js';
import { personaPoster } from './thread-posts.js';

/** Above this many personas answering at once, answers are posted compact (several per message). */
export const COMPACT_ABOVE = 20;
/** Personas per compact message: 5 answers stay readable, and far below Block Kit's 50 blocks. */
export const COMPACT_BATCH = 5;
/** Longest text of one block (Block Kit's section limit is 3,000 characters). */
const MAX_SECTION = 2800;

/** How a turn's answers reach the thread: one post per answer, or batches of several personas. */
export interface AnswerPoster {
  readonly mode: 'per-persona' | 'compact';
  /** Called for each persona's turn, in the engine's order. */
  post(agentName: string, step: number, actions: Action[]): Promise<void>;
  /** Posts what is still waiting (a compact batch whose last members did not act). */
  flush(step: number): Promise<void>;
}

/**
 * The answer poster for an audience: each persona under its own name and avatar, or — when more
 * than `COMPACT_ABOVE` personas answer — compact: the audience, in world order, is cut into
 * batches of `COMPACT_BATCH`, and each batch is one message in which every answer is headed by
 * the persona's name and labelled synthetic. A batch is posted once its last member has acted,
 * keyed `answers:<step>:<batch>`, so a replayed step never posts it twice and the channel's
 * posting rate carries five answers per slot.
 *
 * @example
 *   const poster = answerPoster(context, session, model, thread, session.agents.map((a) => a.name));
 *   session.observe((event) => event.kind === 'agent-acted' && poster.post(event.agent, event.step, event.actions));
 *   await world.step(); await poster.flush(step);
 */
export function answerPoster(
  context: JobContext,
  session: PanelSession,
  model: Pick<LanguageModel, 'name'>,
  thread: Conversation,
  audience: readonly string[],
  compactAbove = COMPACT_ABOVE,
): AnswerPoster {
  if (audience.length <= compactAbove) {
    const post = personaPoster(context, session, model, thread);
    return { mode: 'per-persona', post, flush: async () => undefined };
  }
  const position = new Map(audience.map((name, index) => [name, index]));
  // Keyed `<step>:<batch>`: a brainstorm posts the same batches again in every round.
  const batches = new Map<string, { name: string; texts: string[] }[]>();
  const posted = new Set<string>();
  const send = async (step: number, batch: number) => {
    const id = `${step}:${batch}`;
    if (posted.has(id)) return;
    posted.add(id);
    const answers = batches.get(id) ?? [];
    if (!answers.length) return;
    const blocks: Block[] = answers.flatMap(({ name, texts }) => [
      { kind: 'context' as const, text: `*${name}* · synthetic persona` },
      ...splitText(texts.join('\n\n')).map((text) => ({ kind: 'section' as const, text })),
    ]);
    const text = answers.map(({ name, texts }) => `${name}: ${texts.join(' ')}`).join('\n\n');
    await context.post(
      `answers:${step}:${batch}`,
      botText(text, {
        placement: 'thread',
        blocks: [...blocks, syntheticLabel(model, `Synthetic personas (${answers.length})`)],
      }),
      thread,
    );
  };
  return {
    mode: 'compact',
    async post(agentName, step, actions) {
      const index = position.get(agentName);
      if (index === undefined) return;
      const batch = Math.floor(index / COMPACT_BATCH);
      const texts = actions
        .filter((action) => action.type === 'TALK' && action.content.trim())
        .map((action) => action.content);
      const id = `${step}:${batch}`;
      if (texts.length) batches.set(id, [...(batches.get(id) ?? []), { name: agentName, texts }]);
      const last = Math.min(audience.length, (batch + 1) * COMPACT_BATCH) - 1;
      if (index === last) await send(step, batch);
    },
    async flush(step) {
      const waiting = [...batches.keys()]
        .filter((id) => id.startsWith(`${step}:`))
        .map((id) => Number(id.split(':')[1]));
      for (const batch of waiting.sort((a, b) => a - b)) await send(step, batch);
    },
  };
}

/** Cuts a long answer at paragraph or sentence ends into pieces that fit one block. */
function splitText(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > MAX_SECTION) {
    const window = rest.slice(0, MAX_SECTION);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('. ') + 1, window.lastIndexOf(' '));
    const at = cut > MAX_SECTION / 2 ? cut : MAX_SECTION;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
