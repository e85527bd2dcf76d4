import { hashString } from '../../../util/random.js';
import type { PersonaFacts } from './persona-facts.js';
import { keywords, matchingItem } from './topic.js';

export type Stance = 'positive' | 'mixed' | 'skeptical';

/** What holds a persona back on a topic; each has its own remedy (see `conditions.ts`). */
export type Concern = 'price' | 'lock-in' | 'waste' | 'fit' | 'trust';

/**
 * A persona's view of one topic: a deterministic function of its facts and the topic's words
 * (never of the per-turn seed), remembered in the cognitive state, moved only with a reason.
 */
export interface TopicView {
  stance: Stance;
  concern?: Concern;
  /** The persona fact behind the concern or the enthusiasm ("hidden fees", "cooking and trying recipes"). */
  fact?: string;
  /** True once a statement addressed the concern (it moves the stance only once). */
  addressed?: boolean;
}

const ORDER: Stance[] = ['skeptical', 'mixed', 'positive'];

/** Money questions: an amount in a currency, or paying/cost/price words. */
export function isMoneyTopic(text: string): boolean {
  return /[$£€¥₦₹]\s?\d|\d\s?(dollars|pounds|euros|bucks|naira|rupees)\b|\b(pay|paying|paid|cost|costs|price|priced|pricing|afford|fee|fees|expensive|cheap)\b/i.test(
    text,
  );
}

/** Topic cues and the persona facts they touch, beyond shared words (a meal kit touches packaging). */
const LINKS: { topic: RegExp; fact: RegExp; concern?: Concern }[] = [
  {
    topic: /subscri|membership|monthly|a month|per month|plan\b|contract/i,
    fact: /subscription|trap|contract|auto-?renew/i,
    concern: 'lock-in',
  },
  {
    topic: /subscri|membership|monthly|a month|per month|[$£€₦₹]|pay|price|cost/i,
    fact: /hidden fee|late payment|surprise charge/i,
    concern: 'price',
  },
  { topic: /meal|kit|food|deliver|grocer|parcel|box/i, fact: /waste|packag|plastic/i, concern: 'waste' },
  {
    topic: /sales|offer|deal|subscri|advert|market/i,
    fact: /pushy|salespeople|marketing|being talked down/i,
    concern: 'trust',
  },
  { topic: /meal|kit|food|recipe|cook|dinner|kitchen/i, fact: /cook|recipe|food|meal|spicy|kitchen/i },
  { topic: /app|online|digital|subscri/i, fact: /well-designed apps|gadgets|technology/i },
];

function linked(items: readonly string[], topic: string, words: readonly string[], negative: boolean): number {
  const direct = matchingItem(items, words);
  if (direct >= 0) return direct;
  return items.findIndex((item) =>
    LINKS.some((link) => (link.concern !== undefined) === negative && link.topic.test(topic) && link.fact.test(item)),
  );
}

/** The concern a disliked thing stands for ("hidden fees" → price). */
function concernOf(dislike: string, topic: string): Concern {
  const link = LINKS.find((item) => item.concern && item.fact.test(dislike) && item.topic.test(topic));
  if (link?.concern) return link.concern;
  if (/fee|price|cost|payment|expens|money/i.test(dislike)) return 'price';
  if (/subscription|trap|contract/i.test(dislike)) return 'lock-in';
  if (/waste|packag/i.test(dislike)) return 'waste';
  if (/pushy|sales|marketing|talked down|promise/i.test(dislike)) return 'trust';
  return 'fit';
}

const PRICE_SENSITIVE = /compares prices|deals|coupons|saves a little|bargain|budget|frugal/i;
const FOOD_HABIT = /\bcook|bulk|meal prep|from scratch|bak/i;

/**
 * The persona's stance on a topic from its facts: dislikes and likes touched by the topic's words,
 * finances on money topics, price-sensitive habits, a cooking routine that already covers meals,
 * beliefs, occupation, Big Five openness and wariness. Ties are broken by a hash of persona and topic.
 *
 * @example
 *   baseView(readPersonaFacts(spec), 'paying $15 a month for a meal-kit subscription') // { stance: 'skeptical', concern: 'price', … }
 */
export function baseView(facts: PersonaFacts, topic: string): TopicView {
  const words = keywords(topic);
  const money = isMoneyTopic(topic);
  let score = 0;
  const concerns: { concern: Concern; fact: string; weight: number }[] = [];
  let enthusiasm: string | undefined;
  const disliked = linked(facts.dislikes, topic, words, true);
  if (disliked >= 0) {
    score -= 2;
    concerns.push({ concern: concernOf(facts.dislikes[disliked], topic), fact: facts.dislikes[disliked], weight: 2 });
  }
  const tastes = [...facts.likes, ...facts.interests].filter((item) => !(money && PRICE_SENSITIVE.test(item)));
  const liked = linked(tastes, topic, words, false);
  if (liked >= 0) {
    score += 2;
    enthusiasm = tastes[liked];
  }
  if (money && facts.money) {
    score += facts.money;
    if (facts.money < 0)
      concerns.push({ concern: 'price', fact: facts.finances ?? 'money is tight', weight: -facts.money + 0.5 });
    else enthusiasm ??= facts.finances;
  }
  const thrifty = [...facts.habits, ...facts.likes].find((item) => PRICE_SENSITIVE.test(item));
  if (money && thrifty && facts.money <= 0) {
    score -= 1;
    concerns.push({ concern: 'price', fact: thrifty, weight: 1 });
  }
  const cooking = /meal|kit|dinner|recipe/i.test(topic)
    ? [...facts.habits, ...facts.routines].find((item) => FOOD_HABIT.test(item))
    : undefined;
  if (cooking) {
    score -= 1;
    concerns.push({ concern: 'fit', fact: cooking, weight: 0.8 });
  }
  if (
    matchingItem(facts.beliefs, words) >= 0 ||
    (money && facts.beliefs.some((belief) => /worth what it saves|saves you (time|money)/i.test(belief)))
  )
    score += 1;
  if (facts.occupation && matchingItem([facts.occupation], words) >= 0) score += 1;
  if (facts.openness === 'high') score += 1;
  if (facts.openness === 'low') score -= 1;
  if (facts.wary) {
    score -= 1;
    concerns.push({
      concern: 'trust',
      fact:
        facts.traits.find((trait) => /distrust|skeptic|suspicious|numbers|cautious/i.test(trait)) ??
        'promises like that',
      weight: 0.5,
    });
  }
  if (score === 0) score += [-1, 1, 0, 0][hashString(`${facts.name}|${words.join(' ')}`) % 4];
  const stance: Stance = score <= -2 ? 'skeptical' : score >= 2 ? 'positive' : 'mixed';
  const main = concerns.sort((a, b) => b.weight - a.weight)[0];
  if (stance === 'positive') return { stance, fact: enthusiasm };
  return main ? { stance, concern: main.concern, fact: main.fact } : { stance, fact: enthusiasm };
}

/** Statements that answer a concern, as a phrase to credit ("a free week"). */
const REMEDIES: Record<Concern, RegExp> = {
  price:
    /\b(?:(?:a|the) )?(?:free (?:first |trial )?(?:trial|week|month|box|meal)s?|first (?:box|week|month) (?:is |were |was )?free|\d+ ?% (?:off|discount)|discount(?:ed)?(?: price| code)?|cheaper (?:plan|option|price|tier|version)|lower price|half[- ]price|coupons?|(?:only|just) [$£€]\s?\d+(?:\.\d+)?(?: a (?:month|week))?)/i,
  'lock-in':
    /\b(?:cancel (?:any ?time|whenever|online|in one click)|no (?:contract|commitment|lock-?in)|pause (?:it )?(?:any|whenever)|skip (?:a|any) week|pay as you go|one-off (?:box|order)s?)/i,
  waste:
    /\b(?:recyclable|compostable|reusable|less packaging|no plastic|collect(?:s|ed)? (?:the )?(?:boxes|packaging) back)/i,
  fit: /\b(?:flexible (?:delivery|days|plan)|choose (?:your|the) (?:delivery )?days|ready in \d+ minutes|\d+[- ]minute (?:meals|recipes)|skip (?:a|any) week|batch[- ]friendly)/i,
  trust:
    /\b(?:money[- ]back guarantee|(?:full )?refund|honest reviews|(?:my|a) (?:friend|neighbou?r|sister|brother) (?:uses|tried|loves) it|tried it (?:myself|for))/i,
};

/** The phrase in `text` that answers the concern, or undefined. */
export function remedyIn(text: string, concern: Concern | undefined): string | undefined {
  if (!concern) return undefined;
  const found = text.match(REMEDIES[concern]);
  return found ? found[0].trim() : undefined;
}

/** The stance one step warmer (skeptical → mixed → positive). */
export function warmer(stance: Stance): Stance {
  return ORDER[Math.min(ORDER.indexOf(stance) + 1, ORDER.length - 1)];
}

const ENTRY =
  /^stance: (.+) = (positive|mixed|skeptical)(?: \((?:concern: ([\w-]+))?(?:, )?(addressed)?(?:; fact: (.*))?\))?$/;

function topicWords(topic: string): Set<string> {
  return new Set(
    keywords(topic.replace(/[$£€₦₹¥]\s?\d[\d,]*(?:\.\d+)?/g, '')).filter(
      (word) => !/^(paying|month|week|using|trying|buying|getting|having)$/.test(word),
    ),
  );
}

/** True when two topics are about the same thing ("paying $10 … meal-kit subscription" ≈ "paying $15 …"). */
function sameTopic(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const [x, y] = [topicWords(a), topicWords(b)];
  const shared = [...x].filter((word) => y.has(word)).length;
  return shared > 0 && shared >= Math.min(x.size, y.size) * 0.6;
}

/** The remembered view of a topic from the cognitive-state context, if any. */
export function recalledView(context: readonly string[], topic: string): TopicView | undefined {
  for (const item of context) {
    const found = item.match(ENTRY);
    if (found && sameTopic(found[1], topic)) {
      return {
        stance: found[2] as Stance,
        concern: (found[3] as Concern | undefined) || undefined,
        addressed: found[4] === 'addressed',
        fact: found[5] || undefined,
      };
    }
  }
  return undefined;
}

/** The context with the topic's view stored (replacing an earlier entry on the same topic; at most four topics). */
export function rememberView(context: readonly string[], topic: string, view: TopicView): string[] {
  const details = [view.concern ? `concern: ${view.concern}` : '', view.addressed ? 'addressed' : '']
    .filter(Boolean)
    .join(', ');
  const note = details || view.fact ? ` (${details}${view.fact ? `; fact: ${view.fact}` : ''})` : '';
  const entry = `stance: ${topic} = ${view.stance}${note}`;
  const others = context.filter((item) => !(ENTRY.test(item) && sameTopic(item.match(ENTRY)![1], topic)));
  const stances = others.filter((item) => ENTRY.test(item));
  const dropped = stances.length >= 4 ? stances[0] : undefined;
  return [...others.filter((item) => item !== dropped), entry];
}
