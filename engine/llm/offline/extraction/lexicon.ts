/**
 * The small, fixed vocabularies the offline summary reads sentences with: stance markers, concern
 * categories, proposal markers and the boilerplate that says nothing about the topic. Deliberately
 * short and literal — this is a deterministic stand-in for an LLM, not a sentiment model.
 */

/** Where a sentence leans. */
export type Stance = 'positive' | 'negative' | 'mixed' | 'neutral';

/** Phrases that lean for the idea ("I would happily try", "worth it", "I am in"). */
export const POSITIVE: readonly RegExp[] = [
  /\b(?:i|we|i'd|we'd|would|really|quite|actually|do|definitely)\s+(?:really\s+|quite\s+|actually\s+)?(?:like|love|enjoy)\b/i,
  /\bwould\s+(?:happily\s+|definitely\s+|totally\s+|gladly\s+)?(?:use|try|buy|pay|sign up|recommend)\b/i,
  /\bhappily\b/i,
  /\bworth\b/i,
  /\b(?:i am|i'm|count me|we are|we're)\s+in\b(?=\s*(?:[.!,;]|$))/i,
  /\b(?:is|sounds|feels)\s+(?:really\s+|very\s+)?(?:positive|great|useful|handy|brilliant|perfect|convenient|appealing)\b/i,
  /\bwarming to\b/i,
  /\bspeaks to me\b/i,
  /\bpays? off\b/i,
  /\bcan (?:picture|imagine|see myself)\b/i,
  /\bsaves? (?:me\s+)?(?:time|money)\b/i,
  /\b(?:excited|sign me up|game changer|no brainer|i agree|exactly|good point|same here|me too|bargain)\b/i,
];

/** Phrases that lean against ("not convinced", "puts me off", "too expensive", "fall apart"). */
export const NEGATIVE: readonly RegExp[] = [
  /\bdoubts?\b/i,
  /\bnot (?:convinced|sure|keen|interested|for me)\b/i,
  /\bcareful\b/i,
  /\bputs? me off\b/i,
  /\btoo (?:expensive|pricey|much|risky|complicated|many)\b/i,
  /\bfalls? apart\b/i,
  /\bworr(?:y|ied|ies|ying)\b/i,
  /\b(?:concern|concerned|skeptical|sceptical|suspicious|wary|overpriced|scam|hate)\b/i,
  /\bdoes(?:n't| not) win me over\b/i,
  /\bbetter on paper\b/i,
  /\bshow up later\b/i,
  /\b(?:don't|do not|wouldn't|would not|won't|will not|never)\s+(?:think|trust|use|buy|pay|want|need|like)\b/i,
  /\bi disagree\b/i,
  /\b(?:the|a|big|whole|main|real) problem\b/i,
  /\b(?:waste of|no way|deal ?breaker|red flag)\b/i,
  /,\s*though\?\s*$/i,
];

/** Phrases that sit on the fence ("it depends", "two minds", "both sides"). */
export const MIXED: readonly RegExp[] = [
  /\bdepends\b/i,
  /\btwo minds\b/i,
  /\bboth sides\b/i,
  /\bmixed bag\b/i,
  /\beither way\b/i,
  /\bon the fence\b/i,
  /\bwould need to see\b/i,
];

/** What a concern is about; the first matching category names an objection. */
export const CONCERNS: readonly { label: string; pattern: RegExp }[] = [
  {
    label: 'Price',
    pattern:
      /\b(?:price[sd]?|pricey|cost(?:s|ly)?|expensive|afford\w*|fees?|money|pay(?:ing)?|cheap\w*|budget|subscriptions?|dollars?|euros?|overpriced)\b/i,
  },
  {
    label: 'Trust',
    pattern:
      /\b(?:trust\w*|distrust\w*|strangers?|promises?|privacy|data|scam|reliab\w*|fall apart|better on paper|hype|honest\w*|fake)\b/i,
  },
  {
    label: 'Time and hassle',
    pattern: /\b(?:time|hassle|slow|effort|busy|wait\w*|complicated|inconvenien\w*|minutes|hours)\b/i,
  },
  { label: 'Quality', pattern: /\b(?:quality|fresh\w*|taste|broken|stale|cheaply made)\b/i },
  { label: 'Waste', pattern: /\b(?:waste|packaging|plastic|environment\w*)\b/i },
  {
    label: 'Risk and liability',
    pattern: /\b(?:liab\w*|damage\w*|breaks?|broken|insurance|responsib\w*|risk\w*|safe\w*|danger\w*)\b/i,
  },
];

/** Conditions for adoption: what would have to be true. */
export const CONDITION =
  /\b(?:would need|needs? to|only if|as long as|unless|if it|if they|if you|would pay if|provided)\b/i;

/** A statement of the persona's general beliefs ("I believe people should…"): an opinion, not a suggestion. */
export const BELIEF_STATEMENT = /^\s*I (?:believe|think that|am convinced that)\b/i;

/** Suggestions and ideas. */
export const SUGGESTION =
  /\b(?:should|what if|how about|idea:|we could|you could|they could|could offer|could add|suggest|recommend|propose|let's|would be better)\b/i;

/** Explicit astonishment. */
export const SURPRISE = /\b(?:surpris\w*|didn't expect|did not expect|unexpected\w*|never thought|wow)\b/i;

/**
 * Clauses in which a persona describes themselves, not the topic: "Speaking as a 24-year-old
 * student", "In my job as a nurse at Acme", "Where I live (Lyon)". Their words become boilerplate.
 */
export const SELF_DESCRIPTION: readonly RegExp[] = [
  /\b(?:speaking|talking)\s+as\s+(?:an?\s+)?[^,.;!?]{1,60}/gi,
  /\bin\s+my\s+(?:job|work|role|line of work|position)\s+as\s+[^,.;!?]{1,60}/gi,
  /\b(?:as|i am|i'm)\s+an?\s+\d+[- ]years?[- ]old\s*[^,.;!?]{0,40}/gi,
  /\bwhere\s+i\s+live\s*(?:\([^)]*\))?/gi,
  // The persona's own tastes given as a reason ("I am really into football") say who is talking, not what about.
  /\b(?:i am|i'm)\s+someone\s+who\s+(?:loves?|likes?|enjoys?)\s+[^,.;:!?—–]{1,60}/gi,
  /\bgiven\s+how\s+much\s+i\s+care\s+about\s+[^,.;:!?—–]{1,60}/gi,
  /\b(?:i am|i'm)\s+(?:really\s+)?into\s+[^,.;:!?—–]{1,60}/gi,
  /\bi\s+(?:love|enjoy)\s+(?!it\b|this\b|that\b|the idea\b)[^,.;:!?—–]{1,60}/gi,
  /\b\d+[- ]years?[- ]old\b/gi,
];

/** Figures of speech and conversational filler that look like content words but are not topics. */
export const FILLER: readonly RegExp[] = [
  /\b(?:sounds )?better on paper than in real life\b/gi,
  /\bshows? up later\b/gi,
  /\bon paper\b/gi,
  /\bin real life\b/gi,
  /\bto be (?:frank|honest)\b/gi,
  /\b(?:good|great|fair) question\b/gi,
  /\b(?:gut|first) reaction\b/gi,
  /\bhonest take\b/gi,
  /\bthe sound of\b/gi,
  /\bwhat made you ask\b/gi,
  /\bhas anyone (?:here )?(?:actually )?tried it\b/gi,
  /\bcurious what the others think\b/gi,
  /\bthat would make a difference\b/gi,
  /\bmore than the pitch\b/gi,
  /\bpays? off\b/gi,
  /\bputs? me off\b/gi,
  /\bfalls? apart\b/gi,
  /\bspeaks to me\b/gi,
  /\bwins? me over\b/gi,
  /\bfits the way i actually live\b/gi,
  /\bcheap to run\b/gi,
  /\bbecomes a social thing\b/gi,
  /\bhelp test it\b/gi,
  /\bcan (?:picture|imagine|see myself)\b/gi,
];

/** Words too general to name a theme, on top of the usual stop words. */
export const NOISE_WORDS = new Set(
  `honestly honest frankly quite gut reaction first question answer take sound sounds curious others anyone everyone someone anybody actually usually always often probably definitely kind sort tends tend seen see saw say said says tell told try tried trying idea ideas option options opinion view side sides bag minds either depends depend convinced careful doubt positive negative mixed warming happily worth love loves loved like likes liked enjoy hate picture imagine every week day things stuff bit part whole kind able need needs would could should might must shall ask asked asking facilitator hmm okay ok oh well yes sure right wrong real life paper pitch better worse details detail matter matters make difference live speaking job role give go let use used uses using believe believes believed think thinks thought feel feels felt keep keeps kept working work works care cares caring mind minds change changes`.split(
    /\s+/,
  ),
);
