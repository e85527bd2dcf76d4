import type { SeededRandom } from '../../../util/random.js';
import { IDEA_ANGLES } from './idea-angles.js';
import { chooseSeed, ideaSeeds, proposeIdea, readPeerIdea, respondToPeerIdea, type PeerIdea } from './ideas.js';
import type { PersonaFacts } from './persona-facts.js';
import { contextValue, keywords, matchingItem, subjectOf } from './topic.js';

interface HintStimulus {
  type: string;
  content: string;
  source?: string;
}

/** What one brainstorm turn says and remembers. */
export interface BrainstormTurn {
  text: string;
  think?: string;
  /** The peer built on or pushed back on, who the TALK is addressed to. */
  peer?: string;
  agrees?: boolean;
  context: string[];
  attention: string;
}

/** True when a THOUGHT asks for completely new ideas (the variety intervention's nudge). */
export function isVarietyNudge(stimuli: readonly HintStimulus[]): boolean {
  return stimuli.some(
    (s) =>
      s.type === 'THOUGHT' && /completely (new|different)|different (need|audience|domain|approach)/i.test(s.content),
  );
}

const THINKS = {
  first: [
    'What would I actually use {subject} for? Something to do with {fact}.',
    'Thinking about {fact}, that gives me an idea.',
    'I want to suggest something practical, starting from {fact}.',
  ],
  build: [
    "{peer}'s idea is not bad. I could add something from my side.",
    '{peer} is onto something, and {fact} tells me how to push it further.',
    "Let me build on {peer}'s idea instead of starting over.",
  ],
  fresh: [
    'Nobody has mentioned anything about {fact} yet.',
    'A new idea, not a repeat: what about {fact}?',
    'I should bring in something new, something about {fact}.',
  ],
  different: [
    'Okay, a completely different angle this time: {fact}.',
    'Forget what I said before. What about {fact}?',
    'Time to think from another side of my life: {fact}.',
  ],
};

/** Thoughts for facts that are whole first-person sentences ("I wake at 6:30"). */
const SENTENCE_THINKS = [
  '{Fact}. Something useful could come out of that.',
  'What fits my life? {Fact}, after all.',
  'Hmm. {Fact}, so what would help me there?',
  'Let me start from my own days: {fact}.',
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = values[key.toLowerCase()] ?? '';
    return /^[A-Z]/.test(key) ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}

/** The peer whose words touch the persona's likes or dislikes most, else one chosen by the seed. */
function choosePeer<T extends PeerIdea & { feature: string }>(facts: PersonaFacts, peers: T[], rng: SeededRandom): T {
  const touched = peers.find(
    (peer) => matchingItem([...facts.dislikes, ...facts.likes, ...facts.interests], keywords(peer.feature)) >= 0,
  );
  return touched ?? rng.pick(peers);
}

/** The seeds matching an idea a peer already proposed, so the persona does not propose it again. */
function peerKeys(peers: PeerIdea[]): string[] {
  return IDEA_ANGLES.filter((angle) =>
    [angle.feature, ...(angle.alternatives ?? []), angle.general ?? angle.feature].some((feature) =>
      peers.some((peer) => peer.text.includes(feature)),
    ),
  ).map((angle) => angle.key);
}

/**
 * One brainstorm turn: a persona-grounded idea for the topic (the facilitator's, kept in the
 * cognitive state, never a peer's sentence), a new one later, or building on a named peer's idea;
 * after a variety nudge, an idea from a different side of the persona, said to be different.
 */
export function brainstormTurn(input: {
  facts: PersonaFacts;
  topic: string;
  kept: string[];
  stimuli: HintStimulus[];
  spoken: HintStimulus[];
  first: boolean;
  rng: SeededRandom;
}): BrainstormTurn {
  const { facts, topic, kept, rng } = input;
  const subject = subjectOf(topic);
  const used = (contextValue(kept, 'ideas') ?? '').split(', ').filter(Boolean);
  const lastFacet = contextValue(kept, 'last idea facet');
  const different = isVarietyNudge(input.stimuli);
  const seeds = ideaSeeds(facts, topic);
  const peers = input.spoken
    .filter((s) => s.source && !/^(facilitator|world)$/i.test(s.source))
    .map((s) => readPeerIdea(s.source!, s.content, subject));
  const buildable = peers.filter((item): item is PeerIdea & { feature: string } => item.feature !== undefined);
  // Ideas peers proposed, now and in earlier rounds, are not proposed again as new.
  const heard = [...new Set([...(contextValue(kept, 'heard') ?? '').split(', ').filter(Boolean), ...peerKeys(peers)])];
  const seed = chooseSeed(seeds, used, rng, { different, lastFacet, avoid: heard });
  let mode: keyof typeof THINKS;
  let text: string;
  let peer: (PeerIdea & { feature: string }) | undefined;
  let agrees: boolean | undefined;
  if (different) {
    mode = 'different';
    text = proposeIdea(facts, seed, subject, rng, 'different');
  } else if (!input.first && buildable.length && rng.next() < 0.55) {
    mode = 'build';
    peer = choosePeer(facts, buildable, rng);
    ({ text, agrees } = respondToPeerIdea(facts, seed, peer, subject, rng));
  } else {
    mode = input.first && !used.length ? 'first' : 'fresh';
    text = proposeIdea(facts, seed, subject, rng, mode === 'first' ? 'first' : 'new');
  }
  const thinks = /^I\b/.test(seed.fact) && mode !== 'build' ? SENTENCE_THINKS : THINKS[mode];
  const think =
    mode === 'different' || rng.next() < 0.4
      ? fill(rng.pick(thinks), { subject, fact: seed.fact, peer: peer?.speaker.split(/\s+/)[0] ?? '' })
      : undefined;
  return {
    text,
    think,
    peer: peer?.speaker,
    agrees,
    context: [
      peer ? `conversation with ${peer.speaker}` : 'brainstorming with the group',
      `topic: ${subject}`,
      `brainstorm: ${topic}`,
      `ideas: ${[...used.filter((key) => key !== seed.key), seed.key].join(', ')}`,
      `last idea facet: ${seed.facet}`,
      ...(heard.length ? [`heard: ${heard.join(', ')}`] : []),
    ],
    attention: peer ? `${peer.speaker}'s idea for ${subject}` : `new ideas for ${subject}`,
  };
}
