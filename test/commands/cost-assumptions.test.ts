import { describe, expect, it } from 'vitest';
import { priceWork } from '../../commands/jobs/cost-assumptions.js';
import { estimateWork } from '../../commands/jobs/estimate.js';
import { SMALL_MODEL_TASKS } from '../../engine/llm/model-routes.js';
import { estimateCostUsd } from '../../engine/llm/prices.js';

/** Ten persona turns as `projectTurns` would project them. */
const TEN_TURNS = { calls: 10, inputTokens: 15_000, outputTokens: 1_500 };

const routed = {
  name: 'gpt-4.1-mini',
  offline: false,
  routes: { answers: 'gpt-4.1-mini', small: 'gpt-4.1-nano', smallTasks: SMALL_MODEL_TASKS },
};

describe('the /confirm estimate names its models and cached share', () => {
  it('prices turns on the answers model with half their input cached, judges on the small model', () => {
    const turns = estimateWork({ projected: TEN_TURNS }, 'gpt-4.1-mini');
    const judges = estimateWork({ judge: 6 }, 'gpt-4.1-nano');
    const priced = priceWork({ projected: TEN_TURNS, judge: 6 }, routed);
    const expected =
      estimateCostUsd(
        'gpt-4.1-mini',
        turns.inputTokens,
        turns.outputTokens,
        undefined,
        Math.round(turns.inputTokens / 2),
      ) +
      estimateCostUsd(
        'gpt-4.1-nano',
        judges.inputTokens,
        judges.outputTokens,
        undefined,
        Math.round(judges.inputTokens / 3),
      );
    expect(priced.costUsd).toBeCloseTo(expected, 12);
    expect(priced.costUsd).toBeLessThan(estimateWork({ projected: TEN_TURNS, judge: 6 }, 'gpt-4.1-mini').costUsd);
    expect(priced.assumptions).toBe(
      `assumes answers on gpt-4.1-mini, judges on gpt-4.1-nano, ${Math.round(priced.cachedShare * 100)} % of input from the provider's prompt cache`,
    );
    expect(priced.cachedShare).toBeGreaterThan(0.4);
  });

  it('assumes nothing cached for one-off work, and says so', () => {
    const priced = priceWork({ persona: 5, plan: 1 }, { name: 'gpt-4.1-mini', offline: false });
    expect(priced.cachedShare).toBe(0);
    expect(priced.costUsd).toBeCloseTo(estimateWork({ persona: 5, plan: 1 }, 'gpt-4.1-mini').costUsd, 12);
    expect(priced.assumptions).toBe("assumes answers on gpt-4.1-mini, 0 % of input from the provider's prompt cache");
  });
});
