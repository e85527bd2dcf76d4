import { describe, expect, it } from 'vitest';
import { runOrderedParallel } from '../../../engine/world/index.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runOrderedParallel', () => {
  it('reports in index order and respects maxConcurrency', async () => {
    let running = 0;
    let peak = 0;
    const ready: number[] = [];
    const results = await runOrderedParallel(
      [30, 0, 20, 10, 0],
      async (ms, i) => {
        running++;
        peak = Math.max(peak, running);
        await wait(ms);
        running--;
        return i * 10;
      },
      (i) => ready.push(i),
      2,
    );
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(ready).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('waits for every item, reports nothing after the first failure, and throws the lowest-index error', async () => {
    const ready: number[] = [];
    let settled = 0;
    const run = runOrderedParallel(
      [0, 1, 2, 3],
      async (i) => {
        await wait((4 - i) * 5);
        settled++;
        if (i === 1 || i === 3) throw new Error(`fail ${i}`);
        return i;
      },
      (i) => ready.push(i),
    );
    await expect(run).rejects.toThrow('fail 1');
    expect(settled).toBe(4);
    expect(ready).toEqual([0]);
  });
});
