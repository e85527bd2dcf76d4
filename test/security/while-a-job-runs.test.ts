import { beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { MeteredModel } from '../../engine/llm/metered-model.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';
import { CONVERSATION, makeService, run, snapshot } from '../commands/harness.js';

/** The offline model, except that persona turns wait until the test lets them go: a job that is still running. */
class HeldModel implements LanguageModel {
  readonly name: string;
  readonly offline = true;
  private held = false;
  /** Persona turns waiting to be let go. */
  waiting = 0;
  private release?: () => void;
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    if (this.held && request.task === 'agent.act') {
      this.waiting++;
      await this.gate;
    }
    return this.inner.complete(request);
  }

  /** From now on persona turns wait for `let()`. */
  hold(): void {
    this.held = true;
    this.gate = new Promise<void>((resolve) => {
      this.release = resolve;
    });
  }

  let(): void {
    this.held = false;
    this.release?.();
  }
}

const CASES: [label: string, text: string, expected: RegExp][] = [
  ['delete the panel the job is using', '/panel delete parents', /Panel "parents" is busy: a brainstorm job/],
  ['seat another panel in the job’s channel', '/panel seat others', /A job is still running in this channel/],
  ['create a panel under the name in use', '/panel create 2 parents --name parents', /already exists/],
  ['retry a job that is not an ask with failures', '/panel retry nope', /no personas left to ask again/],
];

describe('security: commands typed while a job runs are refused clearly and change nothing', () => {
  const held = new HeldModel(new OfflineModel({ responders: allOfflineResponders() }));
  const { store, sink, service } = makeService({ model: new MeteredModel(held) });

  beforeAll(async () => {
    await run(service, '/panel create 2 parents --name others');
    await run(service, '/panel create 2 parents --name parents');
    held.hold();
  });

  it('has a brainstorm running while the cases are typed', async () => {
    const outcome = await service.handle(CONVERSATION, '/brainstorm school lunches --rounds 1');
    expect(outcome.ok).toBe(true);
    expect(service.runner.activeJobs(CONVERSATION.tenantId).map((job) => job.kind)).toContain('brainstorm');
    // Every persona is mid-turn: nothing moves in the store until they are let go.
    for (let i = 0; i < 500 && held.waiting < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held.waiting).toBe(2);
  });

  it.each(CASES)('%s: refused with an example, the store unchanged', async (_label, text, expected) => {
    const before = await snapshot(store);
    const posted = sink.posts.length;
    const outcome = await service.handle(CONVERSATION, text);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBeInstanceOf(UserInputError);
    expect((outcome.error as UserInputError).message).toMatch(expected);
    expect((outcome.error as UserInputError).example).toBeTruthy();
    expect(sink.posts.slice(posted)).toHaveLength(1);
    expect(await snapshot(store)).toEqual(before);
  });

  it('once the job is done, the panel is still there and the brainstorm finished', async () => {
    held.let();
    await service.whenIdle();
    expect((await store.listPanels(CONVERSATION.tenantId)).map((panel) => panel.name).sort()).toEqual([
      'others',
      'parents',
    ]);
    const jobs = await store.listJobs(CONVERSATION.tenantId, 100);
    expect(jobs.find((job) => job.kind === 'brainstorm')?.status).toBe('succeeded');
  });
});
