import { afterEach, describe, expect, it, vi } from 'vitest';
import { AckGate } from '../../../adapters/shared/ack-gate.js';

describe('AckGate: acknowledgements before work', () => {
  it('holds background work while an acknowledgement is pending and releases it once all went out', async () => {
    const gate = new AckGate(60_000, 0);
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
    const gate = new AckGate(60_000, 0);
    await expect(gate.clear()).resolves.toBeUndefined();
  });
});

describe('AckGate: the rest of a burst', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps work held for the quiet window after an acknowledgement, so a request arriving meanwhile goes first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const gate = new AckGate(60_000, 100);
    const order: string[] = [];
    gate.enter();
    gate.leave();
    const work = gate.clear().then(() => order.push('work'));
    await vi.advanceTimersByTimeAsync(60);
    gate.enter();
    order.push('second request');
    await vi.advanceTimersByTimeAsync(500);
    expect(order).toEqual(['second request']);
    gate.leave();
    order.push('second ack');
    await vi.advanceTimersByTimeAsync(99);
    expect(order).toEqual(['second request', 'second ack']);
    await vi.advanceTimersByTimeAsync(2);
    await work;
    expect(order).toEqual(['second request', 'second ack', 'work']);
  });

  it('lets work through after maxWaitMs even while requests keep coming', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const gate = new AckGate(1_000, 100);
    gate.enter();
    let done = false;
    const work = gate.clear().then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await work;
    expect(done).toBe(true);
  });
});
