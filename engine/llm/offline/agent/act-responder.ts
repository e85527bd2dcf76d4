import type { CompletionRequest } from '../../port.js';
import type { SeededRandom } from '../../../util/random.js';
import type { PersonaSpec } from '../../../agent/persona-spec.js';
import { amountAnswer, amountTopic, isAmountQuestion } from './amounts.js';
import { answerTopic, reactTo, talkAbout, type Stance } from './answer.js';
import { brainstormTurn, isVarietyNudge } from './brainstorm-turn.js';
import { article } from './ideas.js';
import { isConditionQuestion, shiftSentence } from './conditions.js';
import { readPersonaFacts, startsWithProperNoun, type PersonaFacts } from './persona-facts.js';
import { baseView, recalledView, rememberView, remedyIn, warmer, type TopicView } from './stance.js';
import { addressedTo, brainstormTopic, contextValue, isQuestion, topicOf } from './topic.js';

interface HintStimulus {
  type: string;
  content: string;
  source?: string;
}

type Act = { type: string; content: string; target: string };

const EMOTIONS: Record<Stance, string> = {
  positive: 'interested and upbeat',
  mixed: 'thoughtful, a little unsure',
  skeptical: 'wary, unconvinced',
};

const ANSWER_THINKS = [
  '{who} wants to know about {topic}. My {anchor} colours how I see it.',
  'Right, {topic}. I should be honest, and {anchor} is what comes to mind first.',
  'Let me think about {topic} as someone who cares about {anchor}.',
  '{topic}? I have a view on that, mostly because of {anchor}.',
  'Before I answer on {topic}, what does {anchor} tell me?',
];

function isSpoken(stimulus: HintStimulus): boolean {
  return stimulus.type === 'CONVERSATION' || stimulus.type === 'SOCIAL' || stimulus.type === 'VISUAL';
}

function speakerOf(stimulus: HintStimulus): string {
  return stimulus.type === 'VISUAL' || !stimulus.source || stimulus.source === 'self' ? '' : stimulus.source;
}

/** Peers are other agents; the facilitator, the world and unnamed sources are not. */
function isPeer(speaker: string): boolean {
  return speaker !== '' && !/^(facilitator|world|moderator|system|user)$/i.test(speaker);
}

/**
 * What to respond to among the new stimuli: the facilitator's latest words (those naming this
 * persona first), else a peer's words naming it (questions first), else the latest question, else
 * the latest statement.
 */
function pickStimulus(
  spoken: HintStimulus[],
  facts: PersonaFacts,
): { stimulus: HintStimulus; content: string; addressed: boolean } | undefined {
  const latest = [...spoken].reverse().map((stimulus) => {
    const stripped = addressedTo(stimulus.content, facts.name);
    return {
      stimulus,
      content: stripped ?? stimulus.content,
      addressed: stripped !== undefined,
      asks: isQuestion(stimulus.content),
      peer: isPeer(speakerOf(stimulus)),
    };
  });
  const order = [
    (s: (typeof latest)[number]) => s.addressed && !s.peer,
    (s: (typeof latest)[number]) => !s.peer,
    (s: (typeof latest)[number]) => s.addressed && s.asks,
    (s: (typeof latest)[number]) => s.addressed,
    (s: (typeof latest)[number]) => s.asks,
    () => true,
  ];
  for (const wanted of order) {
    const found = latest.find(wanted);
    if (found) return found;
  }
  return undefined;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = values[key.toLowerCase()] ?? '';
    return /^[A-Z]/.test(key) || template.startsWith(`{${key}}`)
      ? value.charAt(0).toUpperCase() + value.slice(1)
      : value;
  });
}

/** Context entries that outlive a turn: the topic under discussion, the brainstorm, ideas used and stances taken. */
function carried(context: unknown): string[] {
  return Array.isArray(context)
    ? context.filter(
        (item): item is string =>
          typeof item === 'string' && /^(topic|brainstorm|ideas|heard|last idea facet|stance): /.test(item),
      )
    : [];
}

/**
 * Offline `agent.act`: in a brainstorm proposes persona-grounded ideas or builds on a named peer's;
 * otherwise answers questions (directly when addressed by name) and reacts to peers' statements,
 * all in character, sometimes thinking first, always ending with DONE. The topic persists in the
 * cognitive state, so peers' sentences never become the topic. Varies with the seed.
 */
export function respondAct(request: CompletionRequest<unknown>, rng: SeededRandom): unknown {
  const hints = request.hints ?? {};
  const spec = (hints.persona ?? { name: 'Someone' }) as PersonaSpec;
  const facts = readPersonaFacts(spec);
  const stimuli = (Array.isArray(hints.stimuli) ? hints.stimuli : []) as HintStimulus[];
  const actionTypes = new Set(
    Array.isArray(hints.actionTypes) ? (hints.actionTypes as string[]) : ['TALK', 'THINK', 'DONE'],
  );
  const previous = (hints.cognitiveState ?? {}) as { goals?: string; context?: unknown };
  const goals = previous.goals || facts.goals[0] || 'share my honest view';
  const kept = carried(previous.context);
  const earlierTopic = contextValue(kept, 'topic');
  const spoken = stimuli.filter(isSpoken).filter((s) => speakerOf(s) !== facts.name);
  const picked = pickStimulus(spoken, facts);
  const ongoing = contextValue(kept, 'brainstorm');
  if (!picked && ongoing) {
    // A brainstorm round where nobody spoke to this persona (or it was nudged to diverge): it still comes up with something new.
    const turn = brainstormTurn({ facts, topic: ongoing, kept, stimuli, spoken: [], first: false, rng });
    return {
      actions: [
        ...(turn.think ? [{ type: 'THINK', content: turn.think, target: '' }] : []),
        { type: 'TALK', content: turn.text, target: '' },
        { type: 'DONE', content: '', target: '' },
      ],
      cognitive_state: {
        goals,
        context: [...turn.context, ...stances(kept)],
        attention: turn.attention,
        emotions: 'inventive and engaged',
      },
    };
  }
  if (!picked) {
    const thought =
      stimuli.length && !isVarietyNudge(stimuli)
        ? `I keep thinking about ${earlierTopic ?? topicOf(stimuli[stimuli.length - 1].content)}.`
        : '';
    const actions: Act[] = thought ? [{ type: 'THINK', content: thought, target: '' }] : [];
    return {
      actions: [...actions, { type: 'DONE', content: '', target: '' }],
      cognitive_state: {
        goals,
        context: kept,
        attention: thought ? 'my own thoughts' : 'waiting for the conversation',
        emotions: 'calm',
      },
    };
  }
  const { stimulus, content, addressed } = picked;
  const speaker = speakerOf(stimulus);
  const target = stimulus.type === 'CONVERSATION' ? speaker : '';
  const fromPeer = isPeer(speaker);
  const startsBrainstorm = !fromPeer ? brainstormTopic(content) : undefined;
  // A facilitator's new, non-brainstorm words end the brainstorm; peers' words never set the topic.
  const brainstorm =
    startsBrainstorm ?? (fromPeer || isVarietyNudge(stimuli) ? contextValue(kept, 'brainstorm') : undefined);
  const question = isQuestion(content) || !fromPeer;
  if (brainstorm && (!question || startsBrainstorm)) {
    const turn = brainstormTurn({
      facts,
      topic: brainstorm,
      kept,
      stimuli,
      spoken,
      first: startsBrainstorm !== undefined,
      rng,
    });
    // A fresh idea is for the whole group (the facilitator's audience); building on a peer is to that peer.
    const talk: Act = { type: 'TALK', content: turn.text, target: turn.peer ?? (fromPeer ? '' : target) };
    return {
      actions: [
        ...(turn.think ? [{ type: 'THINK', content: turn.think, target: '' }] : []),
        talk,
        { type: 'DONE', content: '', target: '' },
      ],
      cognitive_state: {
        goals,
        context: [...turn.context, ...stances(kept)],
        attention: turn.attention,
        emotions: turn.agrees === false ? 'keen, a little contrary' : 'inventive and engaged',
      },
    };
  }
  const actions: Act[] = [];
  let text: string;
  let stance: Stance;
  const condition = question && isConditionQuestion(content);
  const amountAsked = question && !condition && isAmountQuestion(content);
  // "What would it take for you to change your mind?" is about the topic already under discussion.
  const topic =
    condition && earlierTopic
      ? earlierTopic
      : amountAsked
        ? amountTopic(content, earlierTopic)
        : question
          ? answerTopic(content, earlierTopic)
          : (earlierTopic ?? 'this');
  const heard = [picked.stimulus, ...spoken.filter((s) => s !== picked.stimulus).reverse()];
  // An amount question weighs money, but a stance already taken on the subject carries over.
  const { view, shift } = viewOf(facts, amountAsked ? `paying for ${topic}` : topic, kept, heard, rng);
  if (question) {
    const answered = amountAsked
      ? {
          text: [
            shift,
            amountAnswer(
              facts,
              { topic, view, texts: [...kept, earlierTopic ?? '', ...stimuli.map((s) => s.content), content] },
              rng,
            ).text,
          ]
            .filter(Boolean)
            .join(' '),
          stance: view.stance,
        }
      : talkAbout(facts, { topic, view, speaker, shift, condition }, rng);
    stance = answered.stance;
    const direct = answered.text.replace(/^Good question\.\s*/, '');
    const lead = rng.pick([
      'Me? ',
      'Since you ask me: ',
      'For me personally? ',
      `Since you asked${fromPeer ? `, ${speaker.split(/\s+/)[0]}` : ''}: `,
    ]);
    text = addressed ? `${lead}${lead.endsWith('? ') ? direct : lowerFirst(direct)}` : answered.text;
  } else {
    ({ text, stance } = reactTo(facts, speaker, content, earlierTopic, view, rng, shift));
  }
  if (rng.next() < 0.45) {
    const anchor = facts.interests.length
      ? facts.interests[0]
      : facts.occupation
        ? `work as ${article(facts.occupation)} ${facts.occupation}`
        : 'own experience';
    const who = speaker === 'facilitator' ? 'The facilitator' : speaker || 'Someone';
    actions.push({ type: 'THINK', content: fill(rng.pick(ANSWER_THINKS), { who, topic, anchor }), target: '' });
  }
  if (actionTypes.has('WRITE_DOCUMENT') && /\b(write|draft)\b/i.test(content)) {
    const title = topic.charAt(0).toUpperCase() + topic.slice(1);
    actions.push({
      type: 'WRITE_DOCUMENT',
      content: JSON.stringify({ title, content: `# ${title}\n\n${text}\n\n— ${facts.name}` }),
      target: '',
    });
  }
  actions.push({ type: 'TALK', content: text, target }, { type: 'DONE', content: '', target: '' });
  let context = [
    speaker ? `conversation with ${speaker}` : 'observing',
    `topic: ${topic}`,
    ...kept.filter((item) => !item.startsWith('topic: ') && !item.startsWith('brainstorm: ')),
  ];
  if (brainstorm) context.push(`brainstorm: ${brainstorm}`);
  if (topic !== 'this') context = rememberView(context, topic, view);
  return {
    actions,
    cognitive_state: {
      goals,
      context,
      attention: condition
        ? `what would change my mind about ${topic}`
        : question
          ? `${speaker ? `${speaker}'s` : 'the'} question about ${topic}`
          : `what ${speaker} said about ${topic}`,
      emotions: EMOTIONS[stance],
    },
  };
}

/** Lower-cases a sentence start for joining after a colon, keeping "I" and proper nouns. */
function lowerFirst(text: string): string {
  return startsWithProperNoun(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The remembered stance entries of a context, kept through brainstorm turns. */
function stances(kept: readonly string[]): string[] {
  return kept.filter((item) => item.startsWith('stance: '));
}

/**
 * The persona's view of the topic: remembered from earlier turns, else formed from its facts.
 * A remembered concern that someone's words now answer (a free week for a price worry) moves the
 * stance one step warmer, once, and the persona credits who said it.
 */
function viewOf(
  facts: PersonaFacts,
  topic: string,
  kept: readonly string[],
  heard: HintStimulus[],
  rng: SeededRandom,
): { view: TopicView; shift?: string } {
  const recalled = recalledView(kept, topic);
  if (!recalled)
    return { view: topic === 'this' ? baseView(facts, heard[0]?.content ?? topic) : baseView(facts, topic) };
  if (recalled.addressed || recalled.stance === 'positive' || !recalled.concern) return { view: recalled };
  for (const stimulus of heard) {
    const remedy = remedyIn(stimulus.content, recalled.concern);
    if (!remedy) continue;
    const speaker = speakerOf(stimulus);
    return {
      view: { ...recalled, stance: warmer(recalled.stance), addressed: true },
      shift: shiftSentence(speaker, remedy, isPeer(speaker), rng),
    };
  }
  return { view: recalled };
}
