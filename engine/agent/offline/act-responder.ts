import type { CompletionRequest } from '../../llm/port.js';
import type { SeededRandom } from '../../util/random.js';
import type { PersonaSpec } from '../persona-spec.js';
import { readPersonaFacts, type PersonaFacts } from './persona-facts.js';
import { keywords, matchingItem, topicOf } from './topic.js';

interface HintStimulus {
  type: string;
  content: string;
  source?: string;
}

type Stance = 'positive' | 'mixed' | 'skeptical';

const OPENERS: Record<Stance, string[]> = {
  positive: [
    'Honestly, I quite like the sound of {topic}.',
    'I am warming to {topic}, to be honest.',
    'Good question. {Topic} is something I would happily try.',
    'My gut reaction to {topic} is positive.',
  ],
  mixed: [
    'I am of two minds about {topic}.',
    'Hmm, {topic} is a mixed bag for me.',
    'It depends. {Topic} could go either way for me.',
    'I can see both sides of {topic}.',
  ],
  skeptical: [
    'I am not convinced about {topic}.',
    'To be frank, {topic} does not win me over.',
    'I would be careful with {topic}.',
    'My first reaction to {topic} is doubt.',
  ],
};

const ANGLES: Record<Stance, string[]> = {
  positive: ['if it really saves time, I am in', 'that kind of thing tends to pay off', 'I can picture using it every week'],
  mixed: ['I would need to see it working first', 'the details matter more than the pitch', 'it depends on the price and the hassle'],
  skeptical: ['I have seen too many promises like that fall apart', 'the costs usually show up later', 'it sounds better on paper than in real life'],
};

const CLOSERS = ['What made you ask, {speaker}?', 'Would it be affordable, though?', 'Has anyone here actually tried it?', 'That is my honest take.', 'I am curious what the others think.'];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = values[key.toLowerCase()] ?? '';
    return key[0] === key[0].toUpperCase() ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}

function chooseStance(facts: PersonaFacts, words: string[], rng: SeededRandom): { stance: Stance; reason?: string } {
  const disliked = matchingItem(facts.dislikes, words);
  if (disliked >= 0) return { stance: 'skeptical', reason: `What puts me off is ${facts.dislikes[disliked]}.` };
  const liked = matchingItem([...facts.likes, ...facts.interests], words);
  if (liked >= 0) return { stance: 'positive', reason: `I love ${[...facts.likes, ...facts.interests][liked]}, so this speaks to me.` };
  const belief = matchingItem(facts.beliefs, words);
  const weights: Stance[] = facts.wary ? ['skeptical', 'skeptical', 'mixed', 'positive'] : ['positive', 'positive', 'mixed', 'skeptical'];
  return { stance: rng.pick(weights), reason: belief >= 0 ? `I believe ${facts.beliefs[belief]}.` : undefined };
}

/** One persona-grounded sentence: work, tastes, beliefs or place, chosen by the seed. */
function groundingSentence(facts: PersonaFacts, stance: Stance, rng: SeededRandom, avoidTastes: boolean): string {
  const angle = rng.pick(ANGLES[stance]);
  const options: string[] = [];
  if (facts.occupation) {
    const who = facts.age ? `a ${facts.age}-year-old ${facts.occupation}` : `a ${facts.occupation}`;
    options.push(`Speaking as ${who}, ${angle}.`, `In my job as ${facts.occupation.match(/^[aeiou]/i) ? 'an' : 'a'} ${facts.occupation}${facts.organization ? ` at ${facts.organization}` : ''}, ${angle}.`);
  }
  if (avoidTastes && options.length) return rng.pick(options);
  if (facts.likes.length) options.push(`I am someone who loves ${rng.pick(facts.likes)}, and ${angle}.`);
  if (facts.interests.length) options.push(`Given how much I care about ${rng.pick(facts.interests)}, ${angle}.`);
  return options.length ? rng.pick(options) : `${angle.charAt(0).toUpperCase()}${angle.slice(1)}.`;
}

function talkAbout(facts: PersonaFacts, question: string, speaker: string, rng: SeededRandom): { text: string; stance: Stance; topic: string } {
  const topic = topicOf(question);
  const words = keywords(question);
  const { stance, reason } = chooseStance(facts, words, rng);
  const sentences = [fill(rng.pick(OPENERS[stance]), { topic })];
  sentences.push(groundingSentence(facts, stance, rng, reason !== undefined));
  if (reason) sentences.push(reason);
  else if (facts.beliefs.length && rng.next() < 0.4) sentences.push(`I believe ${rng.pick(facts.beliefs)}.`);
  if (facts.place && rng.next() < 0.25) sentences.push(`Where I live (${facts.place}), that would make a difference.`);
  if (facts.tone !== 'blunt' && rng.next() < 0.5) sentences.push(fill(rng.pick(CLOSERS), { speaker: speaker || 'everyone' }));
  const limit = facts.tone === 'blunt' ? 3 : 4;
  return { text: sentences.slice(0, limit).join(' '), stance, topic };
}

const EMOTIONS: Record<Stance, string> = { positive: 'interested and upbeat', mixed: 'thoughtful, a little unsure', skeptical: 'wary, unconvinced' };

/**
 * Offline `agent.act`: answers the latest question in character (occupation, tastes, beliefs,
 * style), addresses the speaker, sometimes thinks first, and ends with DONE. Varies with the seed,
 * which the offline model derives from the request.
 */
export function respondAct(request: CompletionRequest<unknown>, rng: SeededRandom): unknown {
  const hints = request.hints ?? {};
  const spec = (hints.persona ?? { name: 'Someone' }) as PersonaSpec;
  const facts = readPersonaFacts(spec);
  const stimuli = (Array.isArray(hints.stimuli) ? hints.stimuli : []) as HintStimulus[];
  const actionTypes = new Set(Array.isArray(hints.actionTypes) ? (hints.actionTypes as string[]) : ['TALK', 'THINK', 'DONE']);
  const previous = (hints.cognitiveState ?? {}) as { goals?: string };
  const goals = previous.goals || facts.goals[0] || 'share my honest view';
  const spoken = [...stimuli].reverse().find((stimulus) => stimulus.type === 'CONVERSATION' || stimulus.type === 'SOCIAL' || stimulus.type === 'VISUAL');
  if (!spoken) {
    const thought = stimuli.length ? `I keep thinking about ${topicOf(stimuli[stimuli.length - 1].content)}.` : '';
    const actions = thought ? [{ type: 'THINK', content: thought, target: '' }] : [];
    return {
      actions: [...actions, { type: 'DONE', content: '', target: '' }],
      cognitive_state: { goals, context: [], attention: thought ? 'my own thoughts' : 'waiting for the conversation', emotions: 'calm' },
    };
  }
  const speaker = spoken.type === 'VISUAL' || !spoken.source || spoken.source === 'self' ? '' : spoken.source;
  const { text, stance, topic } = talkAbout(facts, spoken.content, speaker, rng);
  const actions: { type: string; content: string; target: string }[] = [];
  if (rng.next() < 0.45) {
    const anchor = facts.interests.length ? rng.pick(facts.interests) : facts.occupation ? `my work as a ${facts.occupation}` : 'my own experience';
    const who = speaker === 'facilitator' ? 'The facilitator' : speaker;
    actions.push({ type: 'THINK', content: `${who ? `${who} is asking` : 'This is'} about ${topic}. It makes me think of ${anchor}; I will answer honestly.`, target: '' });
  }
  if (actionTypes.has('WRITE_DOCUMENT') && /\b(write|draft)\b/i.test(spoken.content)) {
    const title = topic.charAt(0).toUpperCase() + topic.slice(1);
    actions.push({ type: 'WRITE_DOCUMENT', content: JSON.stringify({ title, content: `# ${title}\n\n${text}\n\n— ${facts.name}` }), target: '' });
  }
  actions.push({ type: 'TALK', content: text, target: spoken.type === 'CONVERSATION' ? speaker : '' });
  actions.push({ type: 'DONE', content: '', target: '' });
  return {
    actions,
    cognitive_state: {
      goals,
      context: [speaker ? `conversation with ${speaker}` : 'observing', `topic: ${topic}`],
      attention: `${speaker ? `${speaker}'s` : 'the'} question about ${topic}`,
      emotions: EMOTIONS[stance],
    },
  };
}
