import type { SeededRandom } from '../../../util/random.js';
import { hashString } from '../../../util/random.js';
import { angleFor, featureFor, isSharingTopic } from './idea-angles.js';
import type { PersonaFacts } from './persona-facts.js';
import { keywords, matchingItem } from './topic.js';

/** Where an idea comes from: the persona's tastes, pains, daily life or values. */
type Facet = 'taste' | 'pain' | 'life' | 'values';

/** One idea a persona could propose, grounded in one of its facts. */
export interface IdeaSeed {
  key: string;
  facet: Facet;
  feature: string;
  /** The persona fact behind it ("quiet mornings"). */
  fact: string;
  /** First-person reason, e.g. "I can't stand hidden fees". */
  reason: string;
  so: string;
}

/** A peer's idea found in their words, for building on it or pushing back. */
export interface PeerIdea {
  speaker: string;
  feature?: string;
  text: string;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a" or "an" before a noun (by its first letter: good enough for job titles and hobbies). */
export function article(noun: string): 'a' | 'an' {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

/** Every idea the persona's facts suggest, one per angle, in the persona's own order. */
export function ideaSeeds(facts: PersonaFacts, topic = ''): IdeaSeed[] {
  const sharing = isSharingTopic(topic);
  const work = facts.occupation ? `as ${article(facts.occupation)} ${facts.occupation}, ` : '';
  const sources: { facet: Facet; fact: string; reason: string }[] = [
    // Only the main interest (the roster's "into …") is something the persona is "really into".
    ...facts.interests
      .slice(0, 1)
      .map((fact) => ({ facet: 'taste' as const, fact, reason: `I am really into ${fact}` })),
    ...facts.likes.map((fact) => ({ facet: 'taste' as const, fact, reason: `I love ${fact}` })),
    ...facts.dislikes.map((fact) => ({ facet: 'pain' as const, fact, reason: `I can't stand ${fact}` })),
    ...facts.routines.map((fact) => ({ facet: 'life' as const, fact, reason: `${work}${fact}` })),
    ...(facts.workNote ? [{ facet: 'life' as const, fact: facts.workNote, reason: facts.workNote }] : []),
    ...facts.habits.map((fact) => ({ facet: 'life' as const, fact, reason: fact })),
    ...(facts.finances
      ? [{ facet: 'values' as const, fact: facts.finances, reason: `money-wise, I am ${facts.finances}` }]
      : []),
    ...facts.beliefs.map((fact) => ({ facet: 'values' as const, fact, reason: `I believe ${fact}` })),
    ...facts.skills.map((fact) => ({ facet: 'values' as const, fact, reason: `I am good at ${fact}` })),
  ];
  const seeds: IdeaSeed[] = [];
  for (const source of sources) {
    const angle = angleFor(source.fact);
    const feature = angle && featureFor(angle, hashString(`${facts.name}|${angle.key}`), sharing);
    // A general wording keeps the persona's reason but not the sharing-specific payoff.
    const so = angle?.sharing && !sharing ? 'it fits the way I actually live' : angle?.so;
    const seed =
      angle && feature && so
        ? { key: angle.key, facet: source.facet, feature, fact: source.fact, reason: source.reason, so }
        : undefined;
    if (seed && !seeds.some((known) => known.key === seed.key)) seeds.push(seed);
  }
  // Tastes no angle knows still give an idea, after the angled ones.
  for (const source of sources
    .filter((item) => item.facet === 'taste' && !angleFor(item.fact) && item.fact.split(/\s+/).length <= 6)
    .slice(0, 2)) {
    seeds.push({
      key: `meetups:${source.fact}`,
      facet: 'taste',
      feature: `meet-ups for people who share a love of ${source.fact}`,
      fact: source.fact,
      reason: source.reason,
      so: 'like-minded people find each other',
    });
  }
  if (!seeds.length) {
    seeds.push({
      key: 'simple',
      facet: 'life',
      feature: 'a dead-simple first version with just one button',
      fact: 'keeping things simple',
      so: 'people actually try it',
      reason: 'I have seen too many things fail by doing too much',
    });
  }
  return seeds;
}

/**
 * The next idea: not one already used, from a different facet than the last when asked for
 * something completely different, avoiding what peers already proposed. Varies with the seed.
 */
export function chooseSeed(
  seeds: IdeaSeed[],
  used: readonly string[],
  rng: SeededRandom,
  options: { different?: boolean; avoid?: readonly string[]; lastFacet?: string } = {},
): IdeaSeed {
  const taken = new Set([...used, ...(options.avoid ?? [])]);
  let pool = seeds.filter((seed) => !taken.has(seed.key));
  if (options.different && options.lastFacet) {
    const elsewhere = pool.filter((seed) => seed.facet !== options.lastFacet);
    if (elsewhere.length) pool = elsewhere;
  }
  if (!pool.length) pool = seeds.filter((seed) => !used.includes(seed.key));
  if (!pool.length) pool = seeds;
  // The persona's leading facts come first, with some shuffle so seeds differ between runs.
  return rng.next() < 0.6 ? pool[0] : rng.pick(pool.slice(0, 4));
}

const IDEA_FORMS = [
  'Idea: {feature} for {subject} — {reason}; that way {so}.',
  'One idea for {subject}: {feature}. {Reason}, so this way {so}.',
  "I'd propose {feature} for {subject} — {reason}, and that way {so}.",
  'My idea for {subject}: {feature}. {Reason}, so it means {so}.',
];

const NEW_IDEA_FORMS = [
  'Another idea for {subject}: {feature} — {reason}; that way {so}.',
  'Here is a new one for {subject}: {feature}. {Reason}, so this way {so}.',
];

const DIFFERENT_FORMS = [
  'Something completely different: {feature} for {subject} — {reason}; that way {so}.',
  'Something completely different, from another side of my life: {feature}. {Reason}, so this way {so}.',
];

const BUILD_FORMS = [
  "Building on {peer}'s idea of {peerFeature}: add {feature} — {reason}; that way {so}.",
  "I like {peer}'s idea of {peerFeature}. To build on it, {subject} could also have {feature}, because {reason}.",
  '{peer}, your idea of {peerFeature} works for me. Pair it with {feature} — {reason}, so {so}.',
];

const PUSHBACK_FORMS = [
  "I'm not sold on {peer}'s idea of {peerFeature}, to be honest — {doubt}. Instead: {feature} for {subject}; that way {so}.",
  '{peer}, I see where you are going with {peerFeature}, but {doubt}. I would rather see {feature} for {subject}, because {reason}.',
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = values[key.charAt(0).toLowerCase() + key.slice(1)] ?? '';
    return /^[A-Z]/.test(key) ? capital(value) : value;
  });
}

/** A short tail in the persona's voice, sometimes. */
function tail(facts: PersonaFacts, rng: SeededRandom): string[] {
  const roll = rng.next();
  if (facts.tone === 'blunt' || roll < 0.5) return [];
  const place = facts.place?.split(',')[0].trim();
  if (place && roll < 0.7)
    return [`It would go down well here in ${/^[A-Z]{2,4}$/.test(place) ? `the ${place}` : place}.`];
  const voice =
    facts.tone === 'warm'
      ? ['I would happily help test it!', 'Honestly, I would tell all my friends about it.']
      : ['Simple, and cheap to run.', 'That is the bit I would actually use.'];
  return [rng.pick(voice)];
}

function values(seed: IdeaSeed, subject: string): Record<string, string> {
  return { feature: seed.feature, subject, reason: seed.reason, so: seed.so };
}

/** A fresh idea in the persona's words (brainstorm round one, or a new one later). */
export function proposeIdea(
  facts: PersonaFacts,
  seed: IdeaSeed,
  subject: string,
  rng: SeededRandom,
  kind: 'first' | 'new' | 'different',
): string {
  const forms = kind === 'first' ? IDEA_FORMS : kind === 'new' ? NEW_IDEA_FORMS : DIFFERENT_FORMS;
  return [fill(rng.pick(forms), values(seed, subject)), ...tail(facts, rng)].join(' ');
}

/** Builds on (or, when it clashes with the persona's dislikes, pushes back on) a named peer's idea. */
export function respondToPeerIdea(
  facts: PersonaFacts,
  seed: IdeaSeed,
  peer: PeerIdea & { feature: string },
  subject: string,
  rng: SeededRandom,
): { text: string; agrees: boolean } {
  // "one-tap requests instead of long threads" avoids long threads: only the proposed part counts.
  const disliked = matchingItem(
    facts.dislikes,
    keywords(peer.feature.split(/\b(?:instead of|without|with no|no)\b/i)[0]),
  );
  const peerFeature = peer.feature;
  const peerName = peer.speaker.split(/\s+/)[0];
  if (disliked >= 0) {
    const doubt = `I can't stand ${facts.dislikes[disliked]}, and that is where it could end up`;
    return {
      text: fill(rng.pick(PUSHBACK_FORMS), { ...values(seed, subject), peer: peerName, peerFeature, doubt }),
      agrees: false,
    };
  }
  return {
    text: [
      fill(rng.pick(BUILD_FORMS), { ...values(seed, subject), peer: peerName, peerFeature }),
      ...tail(facts, rng),
    ].join(' '),
    agrees: true,
  };
}

const IDEA_PATTERNS = [
  /^(?:idea|my idea|one idea|another idea|here is a new one|something completely different)[^:]*:\s*(.+?)\s*(?:\s—|\.\s|\.$|;)/i,
  /^i'd propose\s+(.+?)\s*(?:\s—|\.\s|\.$)/i,
  /\b(?:add|also have|pair it with|rather see)\s+(.+?)\s*(?:\s—|\.\s|\.$|, because)/i,
];

/** The idea a peer proposed, when their words follow an idea shape; else just who said what. */
export function readPeerIdea(speaker: string, text: string, subject: string): PeerIdea {
  for (const pattern of IDEA_PATTERNS) {
    const found = text.match(pattern);
    const feature = found?.[1]
      .replace(new RegExp(`\\s+for\\s+${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i'), '')
      .trim();
    if (feature && feature.split(/\s+/).length <= 16 && !/^(from another side|here is)/i.test(feature))
      return { speaker, feature, text };
  }
  return { speaker, text };
}

/** The opening clause of a statement, at most nine words, for quoting it back. */
export function shortQuote(text: string): string {
  const clause = text
    .trim()
    .split(/(?<=[.!?;—])\s+|,\s+/)[0]
    .replace(/[.!?;,—]+$/, '');
  const words = clause.split(/\s+/);
  return words.length > 9 ? `${words.slice(0, 9).join(' ')}…` : clause;
}
