import { SeededRandom, hashString } from '../util/random.js';

/** Which arm a blinded item came from. */
export type Arm = 'control' | 'treatment';

/** A pair shown to a judge as `first` / `second` without saying which arm is which. */
export interface BlindedPair<T> {
  index: number;
  first: T;
  second: T;
  /** The arm `first` came from (hidden from the judge). */
  firstArm: Arm;
}

/**
 * Blinds control/treatment pairs for a judge: each pair gets its own seeded coin flip, so order
 * carries no information (TinyTroupe's helper always swapped, which is no blinding at all).
 *
 * @example
 *   const blinded = blindPairs(pairs, 'exp-1');
 *   const verdict = await judge(blinded[0].first, blinded[0].second); // 'first' | 'second'
 *   unblind(blinded[0], verdict); // 'control' | 'treatment'
 */
export function blindPairs<T>(pairs: readonly { control: T; treatment: T }[], seed: string | number): BlindedPair<T>[] {
  return pairs.map((pair, index) => {
    const rng = new SeededRandom(hashString(`${seed}:${index}`));
    const treatmentFirst = rng.next() < 0.5;
    return treatmentFirst
      ? { index, first: pair.treatment, second: pair.control, firstArm: 'treatment' }
      : { index, first: pair.control, second: pair.treatment, firstArm: 'control' };
  });
}

/** The arm behind a judge's choice of `first` or `second`. */
export function unblind(pair: BlindedPair<unknown>, choice: 'first' | 'second'): Arm {
  const other: Arm = pair.firstArm === 'control' ? 'treatment' : 'control';
  return choice === 'first' ? pair.firstArm : other;
}
