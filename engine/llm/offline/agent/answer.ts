import type { SeededRandom } from '../../../util/random.js';
import { conditionAnswer, reasonSentence } from './conditions.js';
import { article, shortQuote } from './ideas.js';
import type { PersonaFacts } from './persona-facts.js';
import { isMoneyTopic, type Stance, type TopicView } from './stance.js';
import { questionPart, topicInContext } from './topic.js';

export type { Stance } from './stance.js';

/** Opening sentences by stance; the class of wording a persona uses follows its remembered stance. */
export const STANCE_OPENERS: Record<Stance, readonly string[]> = {
  positive: [
    'Honestly, I quite like the sound of {topic}.',
    'I am warming to {topic}, to be honest.',
    'Good question. I would happily give {topic} a go.',
    'My gut reaction to {topic} is positive.',
  ],
  mixed: [
    'I am of two minds about {topic}.',
    'Hmm, I have mixed feelings about {topic}.',
    'It depends. {Topic} could go either way for me.',
    'I can see both sides of {topic}.',
  ],
  skeptical: [
    'I am not convinced about {topic}.',
    'To be frank, I am not won over by {topic}.',
    'I would be careful with {topic}.',
    'My first reaction to {topic} is doubt.',
  ],
};

const ANGLES: Record<Stance, string[]> = {
  positive: [
    'if it really saves time, I am in',
    'that kind of thing tends to pay off',
    'I can picture using it every week',
  ],
  mixed: [
    'I would need to see it working first',
    'the details matter more than the pitch',
    'it depends on the price and the hassle',
  ],
  skeptical: [
    'I have seen too many promises like that fall apart',
    'the costs usually show up later',
    'it sounds better on paper than in real life',
  ],
};

const CLOSERS = [
  'What made you ask, {speaker}?',
  'Would it be affordable, though?',
  'Has anyone here actually tried it?',
  'That is my honest take.',
  'I am curious what the others think.',
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = values[key.toLowerCase()] ?? '';
    return key[0] === key[0].toUpperCase() ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}

/** One persona-grounded sentence: work, tastes, beliefs or place, chosen by the seed. */
function groundingSentence(facts: PersonaFacts, stance: Stance, rng: SeededRandom, avoidTastes: boolean): string {
  const angle = rng.pick(ANGLES[stance]);
  const options: string[] = [];
  if (facts.occupation === 'retiree') {
    // "a retired" is not a job: retirees speak from their retirement.
    options.push(
      `Speaking as ${facts.age ? `a ${facts.age}-year-old retiree` : 'a retiree'}, ${angle}.`,
      `Now that I am retired, ${angle}.`,
    );
  } else if (facts.occupation) {
    const who = facts.age
      ? `a ${facts.age}-year-old ${facts.occupation}`
      : `${article(facts.occupation)} ${facts.occupation}`;
    options.push(
      `Speaking as ${who}, ${angle}.`,
      `In my job as ${article(facts.occupation)} ${facts.occupation}${facts.organization ? ` at ${facts.organization}` : ''}, ${angle}.`,
    );
  }
  if (avoidTastes && options.length) return rng.pick(options);
  if (facts.likes.length) options.push(`I am someone who loves ${rng.pick(facts.likes)}, and ${angle}.`);
  // The main interest, the one the roster shows: a persona does not "care about" a different hobby each turn.
  if (facts.interests.length) options.push(`Given how much I care about ${facts.interests[0]}, ${angle}.`);
  return options.length ? rng.pick(options) : `${angle.charAt(0).toUpperCase()}${angle.slice(1)}.`;
}

/** The topic a question is about, given the conversation's earlier topic. */
export function answerTopic(question: string, earlierTopic?: string): string {
  return topicInContext(questionPart(question), earlierTopic);
}

/** What an answer needs: the topic, the persona's (remembered) view and what moved it this turn. */
export interface AnswerInput {
  topic: string;
  view: TopicView;
  speaker: string;
  /** "Sienna's point about a free week changes things for me." when the stance just moved. */
  shift?: string;
  /** Answer a "what would change your mind?" question with a condition. */
  condition?: boolean;
}

/**
 * An in-character answer to a question: the persona's stance on its topic (remembered, so the
 * same across follow-ups), grounded in its facts and its reason; a condition question gets a
 * concrete condition instead of the opinion again. The seed only varies the wording.
 */
export function talkAbout(
  facts: PersonaFacts,
  input: AnswerInput,
  rng: SeededRandom,
): { text: string; stance: Stance; topic: string } {
  const { topic, view, speaker } = input;
  const { stance } = view;
  if (input.condition) {
    const text = [input.shift, conditionAnswer(facts, topic, view, rng)].filter(Boolean).join(' ');
    return { text, stance, topic };
  }
  const reason = reasonSentence(facts, topic, view, rng);
  const sentences = [...(input.shift ? [input.shift] : []), fill(rng.pick(STANCE_OPENERS[stance]), { topic })];
  sentences.push(groundingSentence(facts, stance, rng, reason !== undefined && !isMoneyTopic(topic)));
  if (reason) sentences.push(reason);
  else if (facts.beliefs.length && rng.next() < 0.4) sentences.push(`I believe ${rng.pick(facts.beliefs)}.`);
  if (facts.place && rng.next() < 0.25)
    sentences.push(
      `Where I live (${/^[A-Z]{2,4}$/.test(facts.place) ? `the ${facts.place}` : facts.place}), that would make a difference.`,
    );
  if (facts.tone !== 'blunt' && rng.next() < 0.5) {
    const closers = CLOSERS.filter((closer) => !(isMoneyTopic(topic) && /affordable/.test(closer)));
    const closer = rng.pick(closers);
    const named = speaker && !/^(facilitator|world)$/i.test(speaker) ? speaker.split(/\s+/)[0] : '';
    sentences.push(named ? fill(closer, { speaker: named }) : closer.replace(', {speaker}', ''));
  }
  const limit = (facts.tone === 'blunt' ? 3 : 4) + (input.shift ? 1 : 0);
  return { text: sentences.slice(0, limit).join(' '), stance, topic };
}

const AGREE = [
  '{peer}, I am with you on "{quote}".',
  'Good point, {peer}: "{quote}" rings true for me.',
  'I agree with {peer} there.',
];
const DOUBT = [
  '{peer}, I am not so sure about "{quote}".',
  'I see it differently from {peer}.',
  'Hmm, {peer}, "{quote}" does not match my experience.',
];
const MIXED = ['{peer} has a point, up to a point.', '{peer}, "{quote}" is fair, but only partly.'];

/**
 * A reaction to a peer's statement (not a question): names the peer, refers to what they said,
 * and takes the persona's own stance, grounded in its facts, on the conversation's topic.
 */
export function reactTo(
  facts: PersonaFacts,
  speaker: string,
  statement: string,
  topic: string | undefined,
  view: TopicView,
  rng: SeededRandom,
  shift?: string,
): { text: string; stance: Stance } {
  const { stance } = view;
  const forms = stance === 'positive' ? AGREE : stance === 'skeptical' ? DOUBT : MIXED;
  const sentences = [fill(rng.pick(forms), { peer: speaker.split(/\s+/)[0], quote: shortQuote(statement) })];
  if (shift) sentences.push(shift);
  const reason = topic && topic !== 'this' && !shift ? reasonSentence(facts, topic, view, rng) : undefined;
  sentences.push(groundingSentence(facts, stance, rng, reason !== undefined));
  if (reason) sentences.push(reason);
  else if (topic && topic !== 'this') sentences.push(fill(rng.pick(TOPIC_TAILS[stance]), { topic }));
  return { text: sentences.slice(0, (facts.tone === 'blunt' ? 2 : 3) + (shift ? 1 : 0)).join(' '), stance };
}

const TOPIC_TAILS: Record<Stance, string[]> = {
  positive: ['That is what would make {topic} work for me.', 'It makes me keener on {topic}.'],
  mixed: ['For {topic}, the details will decide it.', 'I still need convincing on {topic}.'],
  skeptical: ['It does not change my doubts about {topic}.', 'I would still be careful with {topic}.'],
};
