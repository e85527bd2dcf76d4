import type { WorldEvent } from '../events.js';
import type { SemanticMemoryItem } from '../memory/semantic.js';
import { EpisodicMemory } from '../memory/episodic.js';

/** Caps a text at `maxChars`, marking the cut. */
export function capText(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
}

/**
 * One episodic entry as a line, from the agent's point of view.
 *
 * @example
 *   renderEntry({ agent: 'Ada', kind: 'stimulus', type: 'CONVERSATION', content: 'Hi', counterpart: 'Bo' }, 'Ada', 200);
 *   // 'Bo said: "Hi"'
 */
export function renderEntry(entry: WorldEvent, selfName: string, maxChars: number): string {
  const content = capText(entry.content, maxChars);
  const other = entry.counterpart && entry.counterpart !== selfName ? entry.counterpart : '';
  if (entry.kind === 'stimulus') {
    switch (entry.type) {
      case 'CONVERSATION':
        return `${other || 'Someone'} said: "${content}"`;
      case 'SOCIAL':
        return `${other || 'Someone'} (social cue): ${content}`;
      case 'VISUAL':
        return `I saw: ${content}`;
      case 'THOUGHT':
        return other && other !== 'self' ? `(${other}) ${content}` : `I thought: ${content}`;
      case 'INTERNAL_GOAL_FORMULATION':
        return `I set myself a goal: ${content}`;
      default:
        return `${entry.type}: ${content}`;
    }
  }
  switch (entry.type) {
    case 'TALK':
      return other ? `I said to ${other}: "${content}"` : `I said: "${content}"`;
    case 'THINK':
      return `I thought: ${content}`;
    case 'REACH_OUT':
      return `I reached out to ${other || content}`;
    default:
      return `I did ${entry.type}${other ? ` (${other})` : ''}: ${content}`;
  }
}

/** What the memory section shows. */
export interface MemoryView {
  selfName: string;
  /** The remembered past (episodic entries before the new stimuli). */
  past: readonly WorldEvent[];
  /** Entries dropped from RAM before the window (counted in the omitted note). */
  droppedBefore: number;
  consolidated: readonly SemanticMemoryItem[];
  firstN: number;
  lastN: number;
  maxEntryChars: number;
}

/**
 * The memory section: the first `firstN` and last `lastN` episodic entries with an "omitted" note
 * between, then the consolidated memories, so its size is bounded however long the conversation. Events
 * come first because they only grow at the end (a provider caches that prefix); consolidated memories
 * change at each consolidation.
 */
export function renderMemory(view: MemoryView): string {
  const lines: string[] = ['# Memory'];
  if (view.past.length === 0) lines.push('Recent events: none yet.');
  else {
    // The tail moves half a window at a time: append-only in between, so the cached prefix holds.
    const step = Math.max(1, Math.floor(view.lastN / 2));
    const { head, tail, omitted } = EpisodicMemory.window(view.past, view.firstN, view.lastN, step);
    lines.push('Events so far, oldest first:');
    for (const entry of head) lines.push(`- ${renderEntry(entry, view.selfName, view.maxEntryChars)}`);
    const skipped = omitted + view.droppedBefore;
    if (skipped > 0) lines.push(`- (${skipped} later events omitted for brevity)`);
    for (const entry of tail) lines.push(`- ${renderEntry(entry, view.selfName, view.maxEntryChars)}`);
  }
  if (view.consolidated.length) {
    lines.push('What I remember from earlier:');
    for (const item of view.consolidated) lines.push(`- ${capText(item.content, view.maxEntryChars)}`);
  }
  return lines.join('\n');
}

/** The new stimuli, last in the prompt: what the agent must react to now. */
export function renderStimuli(selfName: string, stimuli: readonly WorldEvent[], maxEntryChars: number): string {
  if (stimuli.length === 0) return '# New stimuli\nNothing new happened since your last turn.';
  return ['# New stimuli', ...stimuli.map((entry) => `- ${renderEntry(entry, selfName, maxEntryChars * 2)}`)].join(
    '\n',
  );
}
