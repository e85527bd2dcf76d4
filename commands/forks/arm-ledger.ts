import type { StepCommit } from '../../engine/store/memory-rows.js';
import type { PostRecord, Store } from '../../engine/store/ports.js';

/** An experiment's sub-runs' own results, by `<arm>:<kind>` (`A:ask`, `B:poll`, `diff`), kept on its job record. */
export type ArmMarks = Record<string, Record<string, unknown>>;

/**
 * The committed marks of an `/experiment`'s sub-runs (each arm's ask and poll, then the diff), kept
 * in the experiment job's result under `arms`, so that a resumed experiment hands every sub-run the
 * result it reached before the crash and the sub-run skips what is done (an ask with its `committed`
 * mark, a poll with its `asked` answers or `saved` tally). An arm's ask commits its step and its mark
 * in one transaction through `armStore`; the arms run one after another (never two writers at once).
 *
 * @example
 *   const ledger = new ArmLedger(job.id, job.result?.arms, (result) => context.recordResult(result));
 *   const ask = askJob({ ...deps, store: ledger.armStore(deps.store, 'A', 'A:ask') });
 *   await ask.run({ ...arm, job: { ...job, result: ledger.get('A:ask') } }, input); // skipped when committed
 */
export class ArmLedger {
  private readonly marks: ArmMarks;

  constructor(
    private readonly jobId: string,
    saved: unknown,
    private readonly record: (result: Record<string, unknown>) => Promise<void>,
  ) {
    this.marks = saved && typeof saved === 'object' ? { ...(saved as ArmMarks) } : {};
  }

  /** The result a sub-run reached before (undefined when it never recorded one). */
  get(slot: string): Record<string, unknown> | undefined {
    return this.marks[slot];
  }

  /** Records a sub-run's result (a poll's answers, then its saved tally) beside the others. */
  async set(slot: string, result: Record<string, unknown>): Promise<void> {
    this.marks[slot] = result;
    await this.record(this.snapshot());
  }

  /** The job result that holds every mark. */
  snapshot(): Record<string, unknown> {
    return { arms: { ...this.marks } };
  }

  /**
   * The store as one arm's ask sees it: its step commit writes the ask's result into the arm's slot
   * of the experiment's marks (in the same transaction as the memories), and the posts of the arm
   * (keyed `job:<id>:<arm>:…`) read back under the ask's own keys (`job:<id>:…`), so a resumed ask
   * replays the answers already posted instead of asking for them again.
   */
  armStore(store: Store, label: string, slot: string): Store {
    const ledger = this;
    const jobKey = `job:${this.jobId}:`;
    const armKey = `${jobKey}${label}:`;
    const overrides = {
      async commitStep(tenantId: string, commit: StepCommit): Promise<void> {
        if (commit.job?.id !== ledger.jobId || !commit.job.result) return store.commitStep(tenantId, commit);
        const result = commit.job.result;
        await store.commitStep(tenantId, {
          ...commit,
          job: { id: ledger.jobId, result: { arms: { ...ledger.marks, [slot]: result } } },
        });
        ledger.marks[slot] = result;
      },
      async listPosts(tenantId: string, channelKey: string, threadKey?: string): Promise<PostRecord[]> {
        const posts = await store.listPosts(tenantId, channelKey, threadKey);
        return posts.map((post) =>
          post.idempotencyKey.startsWith(armKey)
            ? { ...post, idempotencyKey: `${jobKey}${post.idempotencyKey.slice(armKey.length)}` }
            : post,
        );
      },
    };
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'commitStep' || property === 'listPosts') return overrides[property];
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
