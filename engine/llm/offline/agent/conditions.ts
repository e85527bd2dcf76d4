import type { SeededRandom } from '../../../util/random.js';
import type { PersonaFacts } from './persona-facts.js';
import { isMoneyTopic, type TopicView } from './stance.js';

/** "What would change your mind?", "What would make you try it?", "Under what conditions…", "What would it take?". */
export function isConditionQuestion(text: string): boolean {
  return /\b(what would (?:it take|change your mind|convince you|make you (?:try|switch|pay|buy|sign up|change|reconsider|use|join|subscribe|consider))|what could change your mind|under what (?:conditions|circumstances)|what would need to (?:change|happen)|what would it take)\b/i.test(
    text,
  );
}

/** The amount asked about ("$15 a month") and a lower one ("$10 a month"), when the topic names one. */
function amountIn(topic: string): { amount: string; lower: string } | undefined {
  const found = topic.match(/([$£€₦₹¥])\s?(\d[\d,]*(?:\.\d+)?)((?:\s+(?:a|per)\s+(?:month|week|year|meal|box))?)/i);
  if (!found) return undefined;
  const value = Number(found[2].replace(/,/g, ''));
  const lower = value >= 4 ? Math.max(1, Math.round((value * 2) / 3)) : Math.round(value * 50) / 100;
  return {
    amount: `${found[1]}${found[2]}${found[3]}`,
    lower: `${found[1]}${lower.toLocaleString('en-US')}${found[3]}`,
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A clause about the household for money answers ("as a single parent of two children"), or ''. */
function household(facts: PersonaFacts): string {
  const family = facts.family;
  if (!family) return '';
  if (
    /^(single |working |stay-at-home )?(parent|mother|father|mum|mom|dad|grandparent|grandmother|grandfather)\b/i.test(
      family,
    )
  )
    return ` as a ${family}`;
  if (/^(a|an|the)\b/i.test(family)) return ` as ${family}`;
  return /^(married|divorced|widowed|raising)\b/i.test(family) ? ` as someone ${family}` : '';
}

/**
 * Why the persona holds its view, in one sentence: the amount and its finances on money topics, a
 * disliked thing, a habit that already covers the need, or what it loves about the idea.
 */
export function reasonSentence(
  facts: PersonaFacts,
  topic: string,
  view: TopicView,
  rng: SeededRandom,
): string | undefined {
  const money = isMoneyTopic(topic);
  const amount = amountIn(topic)?.amount ?? 'that kind of money';
  if (view.stance === 'positive') {
    if (money && facts.money > 0) {
      return rng.pick([
        `${capital(amount)} is not what matters to me; the time it saves${/meal|food|kit|dinner|recipe|cook/i.test(topic) ? ` on busy evenings${household(facts)} and the quality of the food do` : ` me${household(facts)} does`}.`,
        `Money-wise I am ${facts.finances ?? 'comfortable'}, so for me it is about the time saved and whether it is any good.`,
      ]);
    }
    return view.fact ? `I love ${view.fact}, so this speaks to me.` : undefined;
  }
  switch (view.concern) {
    case 'price':
      if (money && facts.money < 0)
        return rng.pick([
          `${capital(amount)} is real money when you are ${facts.finances ?? 'on a tight budget'}${household(facts)}; the amount matters to me.`,
          `Honestly, the amount matters: I am ${facts.finances ?? 'careful with money'}, and ${amount} adds up.`,
        ]);
      return view.fact
        ? `What puts me off is ${view.fact}; the costs usually show up later.`
        : `The amount matters to me, and ${amount} adds up.`;
    case 'lock-in':
    case 'waste':
      return view.fact ? `What puts me off is ${view.fact}.` : undefined;
    case 'fit':
      return view.fact
        ? `${/^I\b/.test(view.fact) ? capital(view.fact) : `I have ${view.fact}`}, so I am not sure it fits how we live.`
        : undefined;
    case 'trust':
      return view.fact && /^I\b/.test(view.fact)
        ? `${capital(view.fact)}.`
        : 'I have seen too many promises like that fall apart.';
    default:
      return view.fact ? `I love ${view.fact}, so part of me is tempted.` : undefined;
  }
}

/**
 * A concrete condition for "what would change your mind?": the remedy for the persona's concern
 * (a lower price or free week, no lock-in, recyclable packaging, fitting its routine, proof), or
 * for a keen persona what would put it off, tied to the reason it gave before.
 */
export function conditionAnswer(facts: PersonaFacts, topic: string, view: TopicView, rng: SeededRandom): string {
  const amount = amountIn(topic);
  const interest = facts.interests[0] ?? facts.likes[0];
  if (view.stance === 'positive') {
    const keen =
      isMoneyTopic(topic) && facts.money > 0
        ? `I am already keen: the time it saves matters more to me than ${amount?.amount ?? 'the price'}.`
        : view.fact
          ? `I am already keen, mostly because I love ${view.fact}.`
          : 'I am already fairly keen.';
    const offPutting = rng.pick([
      `What would put me off: if the price crept up after the first month, or cancelling meant a phone call, I would drop it.`,
      `If the portions turned out small or the price quietly went up, I would change my mind fast.`,
    ]);
    return `${keen} ${offPutting}`;
  }
  const still = view.stance === 'skeptical' ? 'Right now I would say no' : 'I am on the fence';
  switch (view.concern) {
    case 'price': {
      const why = facts.money < 0 ? `, because I am ${facts.finances ?? 'careful with money'}` : '';
      const cheaper = amount ? `closer to ${amount.lower}` : 'cheaper';
      return `${still}${why}. If it were ${cheaper}, or the first week were free so I could see whether it is worth it, I would give it a go.`;
    }
    case 'lock-in':
      return `${still}, because ${view.fact ?? 'subscription traps'} put me off. If I could skip or cancel any week online, with no lock-in, I would try it.`;
    case 'waste':
      return `${still}, because of ${view.fact ?? 'the waste'}. If the packaging were recyclable, or they took the boxes back, I could be persuaded.`;
    case 'fit': {
      const routine = view.fact && /^I\b/.test(view.fact) ? view.fact.replace(/^I\s+/, '') : 'my routine';
      return `${still}: I ${routine.startsWith('have ') ? routine : `already ${routine}`}. If it fit around that, say a few quick meals for the busiest nights that I could pick week by week, I would try it.`;
    }
    case 'trust':
      return `${still}; I want proof, not promises. If people I know had used it for a while, or there were a money-back guarantee, I would think again.`;
    default:
      return interest
        ? `${still}. If it had something for ${interest}, and a trial to see it working, I would be in.`
        : `${still}. A trial to see it working in my own week would change my mind.`;
  }
}

/** Crediting whoever answered the concern ("Sienna's point about a free week changes things for me."). */
export function shiftSentence(speaker: string, remedy: string, peer: boolean, rng: SeededRandom): string {
  // "The first week is free" reads as "a free first week" after "point about".
  const what = remedy
    .replace(/^(only|just)\s+/i, '')
    .replace(/^(?:the |a )?first (box|week|month) (?:is|were|was) free$/i, 'a free first $1')
    .replace(/^[A-Z](?=[a-z])/, (letter) => letter.toLowerCase());
  if (peer)
    return rng.pick([
      `${speaker.split(/\s+/)[0]}'s point about ${what} changes things for me.`,
      `${speaker.split(/\s+/)[0]}, ${what} is a fair point, and it does change things for me.`,
    ]);
  return rng.pick([`${capital(what)} changes things for me.`, `With ${what}, I see it differently.`]);
}
