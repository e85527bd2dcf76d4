import { z } from 'zod';
import { UserInputError, throwIfAborted } from '../errors.js';
import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { type SimulationTarget, agentNamesOf, describeTarget } from '../validation/targets.js';
import { renderWindow } from '../validation/text.js';
import { renderStoryMessages } from './story-prompts.js';

/** Structured output of `story.start` and `story.continue`. */
export const StoryTextSchema = z.object({ text: z.string().min(1) });

/** Options of a story. */
export interface TinyStoryOptions {
  model: LanguageModel;
  /** What the story is for (default: a realistic, interesting simulation). */
  purpose?: string;
  /** Background the story must respect. */
  context?: string;
  /** Recent events shown as the current state (default 30). */
  lastN?: number;
  attribution?: CallAttribution;
}

/** Options of one story step. */
export interface StoryStepOptions {
  /** Approximate length (default 150 words). */
  words?: number;
  /** Ask for an unexpected turn of events. */
  plotTwist?: boolean;
  signal?: AbortSignal;
}

/**
 * Builds a story around a world or an agent step by step: `start()` sets the scene, each
 * `continue(requirements)` adds what happens next, seeing the current state (recent trajectory) and
 * the story so far. Broadcast the text to make the agents live it.
 *
 * @example
 *   const story = new TinyStory(world, { model, purpose: 'Synthetic office life', context: 'A consulting firm' });
 *   world.broadcast(await story.start());
 *   await world.run(3);
 *   world.broadcast(await story.continue('A new customer arrives with a very different problem.', { plotTwist: true }));
 */
export class TinyStory {
  private readonly parts: string[] = [];
  private readonly options: Required<Pick<TinyStoryOptions, 'purpose' | 'context' | 'lastN'>> & TinyStoryOptions;

  constructor(
    readonly target: SimulationTarget,
    options: TinyStoryOptions,
  ) {
    this.options = {
      purpose: 'Be a realistic simulation of people, interesting to follow.',
      context: '',
      lastN: 30,
      ...options,
    };
  }

  /** The story so far, one entry per start/continuation. */
  get story(): readonly string[] {
    return this.parts;
  }

  /** Starts the story (replaces nothing: call once); `requirements` shape the opening. */
  async start(requirements = '', options: StoryStepOptions = {}): Promise<string> {
    if (this.parts.length > 0) {
      throw new UserInputError(
        'story.already_started',
        'This story has already started; call continue() for what happens next.',
        "story.continue('The team gets a new customer.')",
      );
    }
    return this.step(
      'story.start',
      requirements,
      options,
      `Write the beginning of the story${requirements ? ` following these requirements: ${requirements}` : ''}.`,
    );
  }

  /** Continues the story following `requirements`. */
  async continue(requirements: string, options: StoryStepOptions = {}): Promise<string> {
    if (!requirements.trim()) {
      throw new UserInputError(
        'story.no_requirements',
        'Say what should happen next in the story.',
        "story.continue('A storm closes the office for a day.')",
      );
    }
    return this.step(
      'story.continue',
      requirements,
      options,
      `Continue the story following these requirements: ${requirements}.`,
    );
  }

  private async step(
    task: 'story.start' | 'story.continue',
    requirements: string,
    options: StoryStepOptions,
    instruction: string,
  ): Promise<string> {
    throwIfAborted(options.signal);
    const words = options.words ?? 150;
    const twist = options.plotTwist ? ' Include a plot twist: something unexpected that changes the situation.' : '';
    const state = `${describeTarget(this.target)}\n${renderWindow(this.target.trajectory(), 0, this.options.lastN)}`;
    const { value } = await this.options.model.complete({
      task,
      messages: renderStoryMessages({
        purpose: this.options.purpose,
        context: this.options.context,
        state,
        storySoFar: this.parts,
        instruction: `${instruction}${twist} Write about ${words} words.`,
      }),
      schema: StoryTextSchema,
      temperature: 0.9,
      signal: options.signal,
      attribution: this.options.attribution,
      hints: {
        purpose: this.options.purpose,
        context: this.options.context,
        requirements,
        words,
        plotTwist: options.plotTwist === true,
        agents: agentNamesOf(this.target),
        targetName: this.target.name,
        storySoFar: [...this.parts],
        recentEvents: this.target.trajectory().slice(-this.options.lastN),
      },
    });
    this.parts.push(value.text);
    return value.text;
  }
}
