import type { SeededRandom } from '../../../util/random.js';
import type { PersonaFacts } from './persona-facts.js';
import type { TopicView } from './stance.js';
import { questionPart, topicInContext } from './topic.js';

/** "How much would you pay for it?", "What would you pay per month?", "What's a fair price?". */
export function isAmountQuestion(text: string): boolean {
  return /\b(how much (?:would|will|could|do|did|should|might) (?:you|we) (?:pay|spend|give|be willing|budget)|how much (?:are|were|would) you (?:be )?willing|what (?:would|will|could|do|might) you (?:pay|spend|be willing to pay|budget)|what(?:'s| is| would be) (?:a |the )?(?:fair|right|reasonable|good|honest) (?:price|amount)|what price would you|how much (?:is|would) (?:it|that|this) (?:be )?worth to you|what (?:is|would) (?:it|that|this) (?:be )?worth to you|your (?:maximum|max|top) price)\b/i.test(
    text,
  );
}

/** A local currency: its symbol, a typical monthly price of a consumer app there, and the rounding step. */
export interface LocalCurrency {
  symbol: string;
  /** A typical mid-range monthly app or service price in this currency (Nigeria ₦1,000, UK £4). */
  typical: number;
  step: number;
}

const CURRENCIES: (LocalCurrency & { places: RegExp; names: RegExp })[] = [
  {
    places: /nigeria|lagos|abuja|ibadan|kano|port harcourt|enugu/i,
    names: /naira/i,
    symbol: '₦',
    typical: 1000,
    step: 50,
  },
  {
    places: /\bindia(?:n)?\b|mumbai|delhi|bangalore|bengaluru|chennai|kolkata|hyderabad/i,
    names: /rupees?/i,
    symbol: '₹',
    typical: 150,
    step: 10,
  },
  { places: /kenya|nairobi|mombasa/i, names: /shillings?/i, symbol: 'KSh ', typical: 250, step: 50 },
  { places: /ghana|accra|kumasi/i, names: /cedis?/i, symbol: 'GH₵', typical: 30, step: 5 },
  {
    places: /south africa|johannesburg|cape town|durban|pretoria/i,
    names: /rands?/i,
    symbol: 'R',
    typical: 60,
    step: 10,
  },
  { places: /japan|tokyo|osaka|kyoto/i, names: /\byen\b/i, symbol: '¥', typical: 600, step: 50 },
  { places: /brazil|são paulo|sao paulo|rio de janeiro/i, names: /reais|reals?/i, symbol: 'R$', typical: 15, step: 1 },
  {
    places:
      /united kingdom|\bu\.?k\.?\b|britain|british|england|english|scotland|scottish|wales|welsh|london|manchester|birmingham|glasgow|edinburgh/i,
    names: /pounds?|quid/i,
    symbol: '£',
    typical: 4,
    step: 1,
  },
  {
    places:
      /german|france|french|spain|spanish|italy|italian|netherlands|dutch|ireland|irish|portug|belgi|austria|finland|finnish|greece|greek|berlin|paris|madrid|rome|milan|amsterdam|dublin|lisbon|vienna|munich/i,
    names: /euros?/i,
    symbol: '€',
    typical: 4,
    step: 1,
  },
  {
    places:
      /united states|\bu\.?s\.?a?\b|americ|canad|australia|new york|california|texas|chicago|toronto|vancouver|sydney|melbourne/i,
    names: /dollars?|bucks/i,
    symbol: '$',
    typical: 5,
    step: 1,
  },
];
const DEFAULT_CURRENCY: LocalCurrency = { symbol: '$', typical: 5, step: 1 };

/** The persona's currency from where it lives, else its nationality (US dollars when neither says). */
export function currencyOf(facts: Pick<PersonaFacts, 'residence' | 'nationality' | 'place'>): LocalCurrency {
  for (const where of [facts.residence, facts.nationality, facts.place]) {
    const found = where ? CURRENCIES.find((currency) => currency.places.test(where)) : undefined;
    if (found) return found;
  }
  return DEFAULT_CURRENCY;
}

/** The last price mentioned in the texts ("₦1,500 a month", "2000 naira"), with its currency. */
export function mentionedPrice(
  texts: readonly string[],
): { currency: LocalCurrency; value: number; text: string } | undefined {
  let found: { currency: LocalCurrency; value: number; text: string } | undefined;
  for (const text of texts) {
    for (const match of text.matchAll(
      /(R\$|KSh ?|GH₵|[₦£€$₹¥]|\bR(?=\d))\s?(\d[\d,]*(?:\.\d+)?)(k\b)?|(\d[\d,]*(?:\.\d+)?)\s?(naira|rupees?|shillings?|cedis?|rands?|yen|reais|pounds?|euros?|dollars?|bucks|quid)\b/gi,
    )) {
      const symbol = match[1]?.trim();
      const currency = symbol
        ? (CURRENCIES.find((item) => item.symbol.trim() === symbol) ?? DEFAULT_CURRENCY)
        : (CURRENCIES.find((item) => item.names.test(match[5])) ?? DEFAULT_CURRENCY);
      const value = Number((match[2] ?? match[4]).replace(/,/g, '')) * (match[3] ? 1000 : 1);
      if (value > 0) found = { currency, value, text: match[0].trim() };
    }
  }
  return found;
}

/** The subject of an amount question: "How much would you pay for it?" after a bus app → that app. */
export function amountTopic(question: string, earlier: string | undefined): string {
  const topic = topicInContext(questionPart(question), earlier)
    .replace(/^(?:pay(?:ing)?|spend(?:ing)?|give|budget)\b\s*(?:for|on)?\s*/i, '')
    .replace(/^(?:(?:per|a|each|every)\s+(?:month|week|year|day))$/i, '')
    .trim();
  return topic || earlier || 'it';
}

/** Share of the reference price a persona would pay, by money level (-2 struggling … +2 well-off). */
const LEVEL_SHARE: Record<number, number> = { [-2]: 0.3, [-1]: 0.6, 0: 1, 1: 1.6, 2: 2.5 };
const STANCE_SHARE = { skeptical: 0.7, mixed: 1, positive: 1.2 };

function format(currency: LocalCurrency, value: number): string {
  const rounded = Math.max(currency.step, Math.round(value / currency.step) * currency.step);
  return `${currency.symbol}${rounded.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

function period(texts: readonly string[], topic: string): string {
  const all = texts.join(' ');
  if (/\b(per|a|each|every) month\b|monthly|\/\s?month|\/mo\b/i.test(all)) return ' a month';
  if (/\b(per|a|each|every) week\b|weekly/i.test(all)) return ' a week';
  if (/\b(per|a|each|every) year\b|yearly|annual/i.test(all)) return ' a year';
  return /\b(app|subscri|service|plan|membership|platform)/i.test(`${topic} ${all}`) ? ' a month' : '';
}

/** One clause on why the persona would pay that much: its finances, household, commute or job. */
function reasonClause(facts: PersonaFacts, rng: SeededRandom): string {
  const options: string[] = [];
  if (facts.finances)
    options.push(
      facts.money < 0
        ? `because I am ${facts.finances}`
        : facts.money > 0
          ? `since money is not tight for me (I am ${facts.finances})`
          : `because I am ${facts.finances}`,
    );
  if (facts.family)
    options.push(
      facts.money < 0
        ? `with a household to keep as a ${facts.family.replace(/^(a|an)\s+/i, '')}`
        : `as a ${facts.family.replace(/^(a|an)\s+/i, '')} whose time is short`,
    );
  const commute = [...facts.routines, ...facts.habits].find((item) =>
    /commut|\bbus|danfo|okada|drive|train|traffic|shift|hospital/i.test(item),
  );
  if (commute) options.push(`because ${commute.replace(/^I\b/, 'I')} and every minute on the road counts`);
  if (facts.occupation && !options.length)
    options.push(facts.occupation === 'retiree' ? 'on a pension' : `on what a ${facts.occupation} earns`);
  return options.length ? rng.pick(options) : 'because that is what it would be worth to me';
}

/** What an amount answer needs: the subject, the persona's view and every text that may name a price. */
export interface AmountInput {
  topic: string;
  view: TopicView;
  /** The question, the recent stimuli and the carried context (an earlier price anchors the amount). */
  texts: readonly string[];
}

/**
 * A concrete amount for "how much would you pay?": the price mentioned earlier (else a typical
 * local price) scaled by the persona's money level and stance, in its local currency, with a
 * one-clause reason. A skeptic names a low ceiling after "nothing unless …".
 *
 * @example
 *   amountAnswer(facts, { topic: 'a bus-tracking app', view: { stance: 'mixed' }, texts: ['What would you pay per month?'] }, rng)
 *   // "About ₦600 a month for a bus-tracking app, because I am getting by; …"
 */
export function amountAnswer(
  facts: PersonaFacts,
  input: AmountInput,
  rng: SeededRandom,
): { text: string; amount: string } {
  const { topic, view, texts } = input;
  const mentioned = mentionedPrice(texts);
  const currency = mentioned?.currency ?? currencyOf(facts);
  const reference = mentioned?.value ?? currency.typical * (period(texts, topic) ? 1 : 3);
  const share = (LEVEL_SHARE[facts.money] ?? 1) * STANCE_SHARE[view.stance];
  // A named price is a ceiling to argue down from, not a base to multiply: even the keenest adds little.
  const amount = `${format(currency, reference * (mentioned ? Math.min(Math.max(share, 0.2), 1.3) : share))}${period(texts, topic)}`;
  const reason = reasonClause(facts, rng);
  // "paying ₦1,500 a month for a bus-tracking app" → "a bus-tracking app": the amount is said separately.
  const bare = topic.replace(
    /^(?:(?:paying|spending)\s+)?\S*\d\S*(?:\s+(?:a|per)\s+(?:month|week|year))?\s+(?:for|on)\s+/i,
    '',
  );
  const subject = /^(it|this|that)$/i.test(bare) ? 'it' : bare;
  const versus = mentioned
    ? mentionedValue(amount) < mentioned.value
      ? `, not ${mentioned.text}`
      : `; ${mentioned.text} would be fine`
    : '';
  const remedy =
    view.concern === 'trust'
      ? 'I had seen it work for people I know'
      : view.concern === 'lock-in'
        ? 'I could cancel any time'
        : 'the first month were free';
  const text =
    view.stance === 'skeptical'
      ? rng.pick([
          `Honestly? Nothing, unless ${remedy}. Even then, ${amount} at most for ${subject}${versus}, ${reason}.`,
          `${amount} at most${versus}, ${reason}, and only if ${remedy}.`,
        ])
      : view.stance === 'positive'
        ? rng.pick([
            `I would pay ${amount} for ${subject} without much thought${versus}, ${reason}.`,
            `${amount}, happily${versus}, ${reason}.`,
          ])
        : rng.pick([
            `About ${amount} for ${subject}${versus}, ${reason}; any more and I would stop using it.`,
            `${amount} feels fair to me${versus}, ${reason}.`,
          ]);
  return { text: text.charAt(0).toUpperCase() + text.slice(1), amount };
}

function mentionedValue(amount: string): number {
  return Number(
    amount
      .replace(/^[^\d]*/, '')
      .replace(/,/g, '')
      .match(/^\d+(?:\.\d+)?/)?.[0] ?? 0,
  );
}
