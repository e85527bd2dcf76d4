/**
 * Scripted answers with the lengths of TinyTroupe's own brainstorm run (its product-brainstorming
 * example: 325,119 input and 92,061 output tokens over 32 gpt-5-mini calls): each turn thinks
 * twice, talks at length, and returns a full cognitive state, about 450 visible output tokens
 * (gpt-5-mini's remaining output was reasoning, which is never sent back). Deterministic per call.
 */
import { SeededRandom } from '../../engine/util/random.js';

const OPENERS = [
  'Building on what was just said,',
  'From where I sit in my own work,',
  'I keep coming back to one thing:',
  'To be honest, my first reaction is that',
  'Thinking about my typical Tuesday,',
  'If I picture the people on my team,',
];
const IDEAS = [
  'an assistant that drafts the first version of a report from my meeting notes and flags the claims I still need to source',
  'a tone checker that warns me before I send something that reads as curt to a client who is already frustrated',
  'a summary pane that keeps a running list of decisions and open questions as a long document evolves',
  'a translation mode that keeps our product vocabulary consistent instead of picking random synonyms',
  'a citation helper that pulls the right figure from last quarter’s spreadsheet and links it so numbers never drift',
  'a privacy guard that spots personal data in a draft and suggests what to redact before it leaves the company',
  'a template learner that notices I write the same status update every Friday and prepares it from the tracker',
  'a reading-level slider so one technical note can become a version for executives and one for new hires',
];
const CONCERNS = [
  'but it only works if it never invents a number, because one wrong figure in front of a client costs more than the hours it saves',
  'although I would want to see exactly what it changed, line by line, before I trust it with anything that goes out under my name',
  'as long as it runs on our own data and does not ship drafts to some server we have never heard of',
  'and the price has to make sense for a small team, not only for companies with a dedicated IT department',
  'yet I worry people will stop thinking for themselves if the first draft always comes from the machine',
];
const THOUGHTS = [
  'I should tie this to something concrete from my job so it does not sound like a generic wish list.',
  'The others seem to care about reliability more than about speed; I want to address that directly.',
  'I am not sure everyone would pay for this, so I should say what would make it worth the money to me.',
  'There is a risk here that nobody has mentioned yet, and I think it matters more than the feature itself.',
  'I agree with part of the last point, but I want to push back on the assumption that everyone writes the same way.',
];

/** One `agent.act` answer: THINK, TALK (long), THINK, DONE, and a full cognitive state. */
export function realisticTurn(call: number): unknown {
  const rng = new SeededRandom(call * 7919 + 13);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng.next() * list.length)];
  const talk = [
    `${pick(OPENERS)} what would really help me is ${pick(IDEAS)}, ${pick(CONCERNS)}.`,
    `For example, last month I spent most of an afternoon reconciling two versions of the same proposal, and ${pick(IDEAS)} would have turned that into ten minutes of review.`,
    `A second idea: ${pick(IDEAS)}. I would pay for that ${pick(CONCERNS)}.`,
    'What do the rest of you think: would you rather have one of these done really well, or several that are merely good?',
  ].join(' ');
  return {
    actions: [
      { type: 'THINK', content: `${pick(THOUGHTS)} ${pick(THOUGHTS)}`, target: '' },
      { type: 'TALK', content: talk, target: '' },
      { type: 'THINK', content: pick(THOUGHTS), target: '' },
      { type: 'DONE', content: '', target: '' },
    ],
    cognitive_state: {
      goals: `Contribute product ideas grounded in my own daily work, make sure the group weighs trust and cost as well as convenience, and ${pick(['find out which idea the others would pay for', 'understand whether my concerns are shared', 'steer the discussion towards something we could actually build'])}.`,
      context: [
        'A facilitator asked us to brainstorm AI features for a word processor that would help people in their daily work.',
        `The others have mentioned ${pick(IDEAS)}.`,
        `I raised the point that it must work ${pick(CONCERNS).replace(/^(but|although|as long as|and|yet) /, 'only if ')}.`,
      ],
      attention: `The last suggestion, and whether it would survive contact with the way my team really works (${pick(['deadlines', 'client reviews', 'approvals', 'compliance checks'])}).`,
      emotions: pick([
        'Engaged and curious, slightly sceptical about promises of automation.',
        'Interested, a little impatient with ideas that ignore cost.',
        'Optimistic, but wary of anything that could embarrass me in front of a client.',
      ]),
    },
  };
}

/** One `agent.consolidate` answer: six first-person memories of realistic length. */
export function realisticMemories(call: number): unknown {
  const rng = new SeededRandom(call * 104_729 + 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng.next() * list.length)];
  return {
    memories: Array.from(
      { length: 6 },
      () =>
        `In the brainstorm I argued for ${pick(IDEAS)}, and I said it matters ${pick(CONCERNS).replace(/^(but|although|as long as|and|yet) /, 'that ')}.`,
    ),
  };
}
