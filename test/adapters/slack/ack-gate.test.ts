import { describe, expect, it } from 'vitest';
import { AckGate } from '../../../adapters/slack/ack-gate.js';

describe('AckGate: acknowledgements before work', () => {
  it('holds background work while an acknowledgement is pending and releases it once all went out', async () => {
    const gate = new AckGate(60_000);
    const order: string[] = [];
    gate.enter();
    gate.enter();
    const work = gate.clear().then(() => order.push('work'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('ack 1');
    gate.leave();
    await new Promise((resolve) => setImmediate(resolve));
    order.push('ack 2');
    gate.leave();
    await work;
    expect(order).toEqual(['ack 1', 'ack 2', 'work']);
  });

  it('lets work through at once when nothing is pending', async () => {
    const gate = new AckGate(60_000);
    await expect(gate.clear()).resolves.toBeUndefined();
  });
});
