import { type MemorySnapshot, projectTurns, sumProjections, type TurnProjection } from '../jobs/turn-estimate.js';

/** The personas an experiment seats in each arm, and the poll answers it will ask for. */
export interface ArmPlan {
  /** Personas per arm (A, B): half each (A the extra one) between personas, everyone twice within. */
  sizes: [number, number];
  /** One poll answer per persona per arm. */
  pollAnswers: number;
  /** The arms' persona turns: each arm's own personas, hearing only each other. */
  turns: TurnProjection;
}

/**
 * What an `/experiment` asks, counted from the personas seated where it is typed (`seated`: the
 * thread's world, so an experiment inside an arm's thread splits that arm's members, not the whole
 * panel): between personas the split of `assignArms` (A gets the extra one), within everyone in both.
 *
 * @example
 *   armPlan(Array(5).fill(FRESH_PERSONA), false).sizes // [3, 2]
 */
export function armPlan(seated: readonly MemorySnapshot[], within: boolean): ArmPlan {
  const half = Math.ceil(seated.length / 2);
  const arms = within ? [seated, seated] : [seated.slice(0, half), seated.slice(half)];
  const turns = sumProjections(
    ...arms.map((arm) => projectTurns(arm, { steps: 1, actors: arm.length, listeners: arm.length, opening: 1 })),
  );
  return {
    sizes: [arms[0].length, arms[1].length],
    pollAnswers: arms[0].length + arms[1].length,
    turns,
  };
}
