/**
 * Runs `work` for every item concurrently (at most `maxConcurrency` at once) and calls `onReady`
 * in index order as soon as an item and every item before it are done, so observers see results
 * in a stable order while later items are still running.
 *
 * Waits for every item to settle (no work is left running); then rethrows the failure with the
 * lowest index, so the error reported does not depend on timing either.
 *
 * @example
 *   await runOrderedParallel(agents, (a) => a.act(), (i, actions) => post(agents[i], actions));
 */
export async function runOrderedParallel<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
  onReady: (index: number, result: R) => void,
  maxConcurrency = Number.POSITIVE_INFINITY,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const done: boolean[] = new Array(items.length).fill(false);
  const failures: { index: number; error: unknown }[] = [];
  let nextReady = 0;
  let blocked = false;

  const flush = () => {
    while (!blocked && nextReady < items.length && done[nextReady]) {
      const index = nextReady++;
      try {
        onReady(index, results[index]);
      } catch (error) {
        failures.push({ index, error });
        blocked = true;
      }
    }
  };

  let cursor = 0;
  const worker = async () => {
    while (cursor < items.length) {
      const index = cursor++;
      try {
        results[index] = await work(items[index], index);
        done[index] = true;
        flush();
      } catch (error) {
        // Left not done, so nothing after it is reported: its place in the order stays empty.
        failures.push({ index, error });
      }
    }
  };

  const lanes = Math.max(1, Math.min(items.length, Math.floor(maxConcurrency)));
  await Promise.all(Array.from({ length: lanes }, worker));
  if (failures.length > 0) {
    failures.sort((x, y) => x.index - y.index);
    throw failures[0].error;
  }
  return results;
}
