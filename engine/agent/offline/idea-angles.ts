/**
 * Small data table for offline brainstorming: a persona fact matching `match` suggests `feature`
 * (a noun phrase that fits most products and services), and `so` says what it would do for them.
 * Ordered from specific to general; the first match wins for a fact.
 */
export interface IdeaAngle {
  key: string;
  match: RegExp;
  feature: string;
  /** Completes "…, so …" in the persona's reason. */
  so: string;
}

export const IDEA_ANGLES: readonly IdeaAngle[] = [
  { key: 'subscription', match: /subscription|membership trap/i, feature: 'a free core version with no subscription trap', so: 'nobody gets locked into paying' },
  { key: 'fees', match: /hidden fee|fees|overcharg|rip-?off/i, feature: 'one clear price shown up front, with no hidden fees', so: 'I know exactly what I am in for' },
  { key: 'waste', match: /waste|packag|plastic|landfill/i, feature: 'a bring-your-own-container option', so: 'it cuts the packaging waste' },
  { key: 'no-ads', match: /pushy|salespe|advert|\bads\b|spam|upsell/i, feature: 'a strict no-ads, no-upselling rule', so: 'it never feels like a sales pitch' },
  { key: 'lightweight', match: /update|install|bloat|slow app/i, feature: 'a lightweight web version that needs no installs', so: 'it just works on any phone' },
  { key: 'walkable', match: /traffic|commut|driv|parking|walk/i, feature: 'pickup points within a five-minute walk', so: 'nobody has to drive or wait around' },
  { key: 'paid-back', match: /late payment|owe|debt|paid back/i, feature: 'automatic settle-up reminders', so: 'nobody is left chasing money' },
  { key: 'lockers', match: /loud|noise|neighbour|crowd/i, feature: 'quiet, contact-free pickup lockers', so: 'you can grab things without any fuss' },
  { key: 'one-tap', match: /meetings? that could|endless messag|paperwork|forms/i, feature: 'one-tap requests instead of long message threads', so: 'it takes seconds, not a chat' },
  { key: 'markets', match: /market|stall|farmer|local (shop|business)/i, feature: 'a link-up with local markets for their unsold stock', so: 'good things stop going to waste' },
  { key: 'design', match: /well-designed|design|gadget|tech|apps?\b/i, feature: 'a clean one-tap flow to post or claim something in under ten seconds', so: 'it is actually pleasant to use' },
  { key: 'batch', match: /family meal|cook|bulk|recipe|kitchen|baking/i, feature: 'batch sharing, where one person makes a big lot and others claim portions', so: 'one effort feeds several people' },
  { key: 'friends', match: /friend|phone call|social|chat|party|people/i, feature: "a 'bring a friend' invite to split a share with mates", so: 'it becomes a social thing' },
  { key: 'coffee', match: /coffee|tea\b|caf[eé]|espresso/i, feature: 'a morning coffee-and-pastry drop before the first class', so: 'the day starts well and cheaply' },
  { key: 'tags', match: /spicy|cuisine|flavou?r|taste|foodie|vegan|vegetarian/i, feature: 'cuisine, spice-level and dietary tags', so: 'you know exactly what you are getting' },
  { key: 'game', match: /video game|gaming|games?\b|puzzle/i, feature: 'points, streaks and badges for every share', so: 'it feels like a game and keeps people coming back' },
  { key: 'map', match: /hik|outdoor|nature|trail|camping|cycl|bike|running/i, feature: 'a live map of pickup spots', so: 'I can grab something on my way out the door' },
  { key: 'match-day', match: /sport|football|match|gym|fitness|team/i, feature: 'match-day group orders the whole group can split', so: 'game nights get easier' },
  { key: 'after-gig', match: /music|concert|gig|band|festival/i, feature: 'a late-night share for people coming home from gigs', so: 'nobody goes to bed hungry' },
  { key: 'garden', match: /garden|plant|grow|allotment/i, feature: 'a swap board for home-grown herbs and veg', so: 'gluts get shared instead of binned' },
  { key: 'movie-night', match: /stream|series|film|movie|\btv\b|netflix/i, feature: 'a movie-night bundle, where one person hosts and everyone brings a share', so: 'a night in becomes a shared one' },
  { key: 'library', match: /read|book|librar|study|studies/i, feature: 'pickup shelves in the library', so: 'it fits between study sessions' },
  { key: 'durable', match: /last for years|durab|quality|repair/i, feature: 'sturdy reusable containers that get passed back and forth', so: 'nothing is single-use' },
  { key: 'labels', match: /clean|organi[sz]ed|tidy|hygien/i, feature: 'clear labels with the date made and allergens on every share', so: 'people can trust what they pick up' },
  { key: 'savings', match: /budget|saving|save money|frugal|compares? prices/i, feature: "a 'money saved so far' counter", so: 'I can see it paying off' },
  { key: 'volunteers', match: /communit|neighbou?rs should|cooperat|volunteer|look out for/i, feature: 'a volunteer roster where regulars take turns collecting leftovers', so: 'it runs on goodwill, not a company' },
  { key: 'impact', match: /science|evidence|data|research|decisions should/i, feature: 'an impact dashboard showing what was saved each week', so: 'we can prove it works' },
  { key: 'faith-groups', match: /faith|church|worship|religio|mosque|temple/i, feature: 'a link-up with faith groups that already run free meals', so: 'it builds on what already works' },
  { key: 'dietary', match: /health|allerg|diet|vaccin|nutrition/i, feature: 'allergen and dietary filters', so: 'nobody takes a risk with what they eat' },
  { key: 'late-window', match: /evening|night|late|shift/i, feature: 'an evening pickup window that stays open after late shifts', so: 'it works when I am actually free' },
  { key: 'early-window', match: /wake|morning|early|dawn|\b[5-7]:\d\d\b/i, feature: 'an early-bird pickup window before the rush', so: 'I can sort it out before my day starts' },
  { key: 'pay-what-you-can', match: /struggl|ends meet|tight|broke|low income|getting by/i, feature: 'a pay-what-you-can option', so: 'nobody is priced out' },
  { key: 'pay-it-forward', match: /well-off|comfortable|wealthy|affluent/i, feature: "a 'pay it forward' button that funds a share for someone else", so: 'people who can give a bit more do' },
];

/** The first angle matching a fact, if any. */
export function angleFor(fact: string): IdeaAngle | undefined {
  return IDEA_ANGLES.find((angle) => angle.match.test(fact));
}
