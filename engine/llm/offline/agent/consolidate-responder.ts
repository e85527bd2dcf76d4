import type { CompletionRequest } from '../../port.js';
import type { SeededRandom } from '../../../util/random.js';
import { capText } from '../../../agent/prompt/memory.js';

interface HintEntry {
  kind: 'stimulus' | 'action';
  type: string;
  content: string;
  counterpart?: string;
}

function remember(entry: HintEntry): string | undefined {
  const content = capText(entry.content, 160);
  const other = entry.counterpart && entry.counterpart !== 'self' ? entry.counterpart : '';
  if (entry.kind === 'stimulus') {
    if (entry.type === 'CONVERSATION') return `${other || 'Someone'} told me: "${content}"`;
    if (entry.type === 'VISUAL') return `I saw ${content}`;
    if (entry.type === 'INTERNAL_GOAL_FORMULATION') return `I decided my goal was: ${content}`;
    if (entry.type === 'SOCIAL') return `${other || 'Someone'} reached me socially: ${content}`;
    return undefined;
  }
  if (entry.type === 'TALK') return other ? `I told ${other}: "${content}"` : `I said to the group: "${content}"`;
  if (entry.type === 'THINK') return `I thought: ${content}`;
  if (entry.type === 'DONE') return undefined;
  return `I used ${entry.type}: ${content}`;
}

/**
 * Offline `agent.consolidate`: up to six first-person memories taken from the entries, spread
 * over the whole span (conversation and speech first, passing thoughts only when room is left).
 */
export function respondConsolidate(request: CompletionRequest<unknown>, _rng: SeededRandom): unknown {
  const entries = (Array.isArray(request.hints?.entries) ? request.hints.entries : []) as HintEntry[];
  const spoken = entries.filter((entry) => entry.type === 'CONVERSATION' || entry.type === 'TALK');
  const pool = spoken.length >= 6 ? spoken : entries;
  const step = Math.max(1, pool.length / 6);
  const memories: string[] = [];
  for (let i = 0; i < pool.length && memories.length < 6; i += step) {
    const memory = remember(pool[Math.floor(i)]);
    if (memory && !memories.includes(memory)) memories.push(memory);
  }
  return { memories };
}
