/**
 * Small data table for offline brainstorming: a persona fact matching `match` suggests `feature`
 * (a noun phrase that fits most products and services), and `so` says what it would do for them.
 * Ordered from specific to general; the first match wins for a fact.
 */
export interface IdeaAngle {
  key: string;
  match: RegExp;
  feature: string;
  /** Other wordings of the same idea, so two personas sharing an angle still propose different things. */
  alternatives?: string[];
  /** Completes "…, so …" in the persona's reason. */
  so: string;
  /** Set for ideas that only make sense when people share or hand over things; `general` is the wording for other topics. */
  sharing?: true;
  general?: string;
}

export const IDEA_ANGLES: readonly IdeaAngle[] = [
  {
    key: 'subscription',
    match: /subscription|membership trap/i,
    feature: 'a free core version with no subscription trap',
    so: 'nobody gets locked into paying',
  },
  {
    key: 'fees',
    alternatives: ['a free-forever basic tier with the price rules on one screen'],
    match: /hidden fee|fees|overcharg|rip-?off/i,
    feature: 'one clear price shown up front, with no hidden fees',
    so: 'I know exactly what I am in for',
  },
  {
    key: 'waste',
    sharing: true,
    general: 'a paperless mode with no printed receipts or letters',
    alternatives: ['a zero-waste score for every share'],
    match: /waste|packag|plastic|landfill/i,
    feature: 'a bring-your-own-container option',
    so: 'it cuts the packaging waste',
  },
  {
    key: 'no-ads',
    match: /pushy|salespe|advert|\bads\b|spam|upsell/i,
    feature: 'a strict no-ads, no-upselling rule',
    so: 'it never feels like a sales pitch',
  },
  {
    key: 'lightweight',
    match: /update|install|bloat|slow app/i,
    feature: 'a lightweight web version that needs no installs',
    so: 'it just works on any phone',
  },
  {
    key: 'walkable',
    sharing: true,
    match: /traffic|commut|driv|parking|walk/i,
    feature: 'pickup points within a five-minute walk',
    so: 'nobody has to drive or wait around',
  },
  {
    key: 'paid-back',
    match: /late payment|owe|debt|paid back/i,
    feature: 'automatic settle-up reminders',
    so: 'nobody is left chasing money',
  },
  {
    key: 'lockers',
    sharing: true,
    match: /loud|noise|neighbour|crowd/i,
    feature: 'quiet, contact-free pickup lockers',
    so: 'you can grab things without any fuss',
  },
  {
    key: 'one-tap',
    match: /meetings? that could|endless messag|paperwork|forms/i,
    feature: 'one-tap requests instead of long message threads',
    so: 'it takes seconds, not a chat',
  },
  {
    key: 'markets',
    sharing: true,
    match: /market|stall|farmer|local (shop|business)/i,
    feature: 'a link-up with local markets for their unsold stock',
    so: 'good things stop going to waste',
  },
  {
    key: 'design',
    alternatives: ['a photo-first home screen where everything important fits in one swipe'],
    match: /well-designed|design|gadget|tech|apps?\b/i,
    feature: 'a clean one-tap flow that gets anything done in under ten seconds',
    so: 'it is actually pleasant to use',
  },
  {
    key: 'batch',
    sharing: true,
    general: 'templates for weekly routines like meal planning',
    alternatives: [
      'a weekly cook-off where home cooks post what they made too much of',
      'a recipe card attached to every share, so leftovers get cooked well',
    ],
    match: /family meal|cook|bulk|recipe|kitchen|baking/i,
    feature: 'batch sharing, where one person makes a big lot and others claim portions',
    so: 'one effort feeds several people',
  },
  {
    key: 'friends',
    alternatives: ['shared group spaces that friends can set up together'],
    match: /friend|phone call|social|chat|party|people/i,
    feature: "a 'bring a friend' invite so mates can join in together",
    so: 'it becomes a social thing',
  },
  {
    key: 'coffee',
    sharing: true,
    alternatives: ['a café leftovers alert at closing time'],
    match: /coffee|tea\b|caf[eé]|espresso/i,
    feature: 'a morning coffee-and-pastry drop before the first class',
    so: 'the day starts well and cheaply',
  },
  {
    key: 'tags',
    sharing: true,
    alternatives: ['a taste-profile match that suggests things you will actually like'],
    match: /spicy|cuisine|flavou?r|taste|foodie|vegan|vegetarian/i,
    feature: 'cuisine, spice-level and dietary tags',
    so: 'you know exactly what you are getting',
  },
  {
    key: 'game',
    match: /video game|gaming|games?\b|puzzle/i,
    feature: 'points, streaks and badges',
    so: 'it feels like a game and keeps people coming back',
  },
  {
    key: 'map',
    sharing: true,
    general: 'a map view of what is nearby',
    alternatives: ['route-friendly pickup spots along walking and cycling paths'],
    match: /hik|outdoor|nature|trail|camping|cycl|bike|running/i,
    feature: 'a live map of pickup spots',
    so: 'I can grab something on my way out the door',
  },
  {
    key: 'match-day',
    match: /sport|football|match|gym|fitness|team/i,
    feature: 'match-day group orders the whole group can split',
    so: 'game nights get easier',
  },
  {
    key: 'after-gig',
    sharing: true,
    match: /music|concert|gig|band|festival/i,
    feature: 'a late-night share for people coming home from gigs',
    so: 'nobody goes to bed hungry',
  },
  {
    key: 'garden',
    sharing: true,
    match: /garden|plant|grow|allotment/i,
    feature: 'a swap board for home-grown herbs and veg',
    so: 'gluts get shared instead of binned',
  },
  {
    key: 'movie-night',
    sharing: true,
    general: 'a shared household view for planning nights in together',
    match: /stream|series|film|movie|\btv\b|netflix/i,
    feature: 'a movie-night bundle, where one person hosts and everyone brings a share',
    so: 'a night in becomes a shared one',
  },
  {
    key: 'library',
    sharing: true,
    general: 'an offline mode that works anywhere, even in a library basement',
    match: /read|book|librar|study|studies/i,
    feature: 'pickup shelves in the library',
    so: 'it fits between study sessions',
  },
  {
    key: 'durable',
    sharing: true,
    match: /last for years|durab|quality|repair/i,
    feature: 'sturdy reusable containers that get passed back and forth',
    so: 'nothing is single-use',
  },
  {
    key: 'labels',
    sharing: true,
    match: /clean|organi[sz]ed|tidy|hygien/i,
    feature: 'clear labels with the date made and allergens on every share',
    so: 'people can trust what they pick up',
  },
  {
    key: 'savings',
    match: /budget|saving|save money|frugal|compares? prices/i,
    feature: "a 'money saved so far' counter",
    so: 'I can see it paying off',
  },
  {
    key: 'volunteers',
    sharing: true,
    general: 'a community space where regulars help newcomers',
    match: /communit|neighbou?rs should|cooperat|volunteer|look out for/i,
    feature: 'a volunteer roster where regulars take turns collecting leftovers',
    so: 'it runs on goodwill, not a company',
  },
  {
    key: 'impact',
    match: /science|evidence|data|research|decisions should/i,
    feature: 'an impact dashboard showing what changed each week',
    so: 'we can prove it works',
  },
  {
    key: 'faith-groups',
    sharing: true,
    match: /faith|church|worship|religio|mosque|temple/i,
    feature: 'a link-up with faith groups that already run free meals',
    so: 'it builds on what already works',
  },
  {
    key: 'dietary',
    sharing: true,
    general: 'health-aware filters people can set once',
    match: /health|allerg|diet|vaccin|nutrition/i,
    feature: 'allergen and dietary filters',
    so: 'nobody takes a risk with what they eat',
  },
  {
    key: 'late-window',
    sharing: true,
    general: 'evening reminders timed for after late shifts',
    alternatives: ['a late-night leftovers map for people finishing after 10pm'],
    match: /evening|night|late|shift/i,
    feature: 'an evening pickup window that stays open after late shifts',
    so: 'it works when I am actually free',
  },
  {
    key: 'early-window',
    sharing: true,
    general: 'a two-minute morning summary before the day starts',
    alternatives: ['a quiet first-hour slot for people who like an early start'],
    match: /wake|morning|early|dawn|\b[5-7]:\d\d\b/i,
    feature: 'an early-bird pickup window before the rush',
    so: 'I can sort it out before my day starts',
  },
  {
    key: 'pay-what-you-can',
    match: /struggl|ends meet|tight|broke|low income|getting by/i,
    feature: 'a pay-what-you-can option',
    so: 'nobody is priced out',
  },
  {
    key: 'pay-it-forward',
    match: /well-off|comfortable|wealthy|affluent/i,
    feature: "a 'pay it forward' button that funds a share for someone else",
    so: 'people who can give a bit more do',
  },
];

/** True when a topic is about sharing or handing things over (food, lending, swapping). */
export function isSharingTopic(topic: string): boolean {
  return /shar|food|meal|swap|leftover|lend|borrow|donat|giv|pickup|grocer|lunch|dinner|cook/i.test(topic);
}

/** The wording of an angle's idea this persona uses (stable per persona), or undefined when it does not fit the topic. */
export function featureFor(angle: IdeaAngle, seed: number, sharingTopic = true): string | undefined {
  if (angle.sharing && !sharingTopic) return angle.general;
  const wordings = [angle.feature, ...(angle.alternatives ?? [])];
  return wordings[seed % wordings.length];
}

/** The first angle matching a fact, if any. */
export function angleFor(fact: string): IdeaAngle | undefined {
  return IDEA_ANGLES.find((angle) => angle.match.test(fact));
}
