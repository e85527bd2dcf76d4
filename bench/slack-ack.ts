/**
 * Slack acknowledgement latency under load: the real Bolt app (HTTP mode) on a SQLite store and
 * the offline model, against a fake Slack Web API; one panel seated in 5 channels of one
 * workspace, then 50 signed slash commands sent at once (10 per channel: asks, polls, lists).
 * Prints p50 / p99 / max of the time until each command's HTTP acknowledgement (goal p99 < 300 ms),
 * beside the baseline the issue recorded for the layout before it (p50 ≈ 600 ms, p99 ≈ 630–800 ms)
 * and the figures of the previous session (p50 1,163 ms, p99 4,560 ms), how long the work itself
 * then took, and the machine's load average before and after (the machine is shared: the figures
 * move with it).
 */
import { loadavg } from 'node:os';
import { FakeSlack } from '../test/fakes/slack-server.js';
import { Harness, tempStore } from '../test/adapters/slack/harness.js';

const CHANNELS = ['C1', 'C2', 'C3', 'C4', 'C5'];
const PER_CHANNEL = 10;
const COMMANDS: [string, string][] = [
  ['/panel', 'ask "Would you pay for grocery delivery?"'],
  ['/poll', 'yesno "Would you pay $5 a month?"'],
  ['/panel', 'list'],
  ['/usage', ''],
  ['/panel', 'ask "What would make you switch apps?"'],
];

const loadBefore = loadavg();
const { store, cleanup } = await tempStore();
const slack = await FakeSlack.start();
const harness = await Harness.start({ store, slack });
await harness.command('/panel', 'create 5 US parents --name parents', { channel: CHANNELS[0] });
await harness.idle();
for (const channel of CHANNELS.slice(1)) await harness.command('/panel', 'seat parents', { channel });
await harness.idle();

// A single command alone, for reference.
const singleStart = performance.now();
await harness.command('/panel', 'list', { channel: CHANNELS[0] });
const single = performance.now() - singleStart;
await harness.idle();

const started = performance.now();
const latencies = await Promise.all(
  CHANNELS.flatMap((channel) =>
    Array.from({ length: PER_CHANNEL }, async (_, index) => {
      const [command, text] = COMMANDS[index % COMMANDS.length];
      const sentAt = performance.now();
      const response = await harness.command(command, text, { channel, user: `U${index}` });
      if (response.status !== 200) throw new Error(`${command} ${text}: HTTP ${response.status}`);
      return performance.now() - sentAt;
    }),
  ),
);
const acked = performance.now() - started;
await harness.idle();
const finished = performance.now() - started;
await harness.stop();

await cleanup();

latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
const ms = (value: number) => `${value.toFixed(0)} ms`;
console.log(`slack ack: ${latencies.length} concurrent signed slash commands across ${CHANNELS.length} channels`);
const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
console.log(`load average (1 / 5 / 15 min): before ${load(loadBefore)}, after ${load(loadavg())}`);
console.log('                 now        baseline (issue #13)   previous session');
console.log(`p50              ${ms(at(0.5)).padEnd(10)} ≈ 600 ms               1,163 ms`);
console.log(`p99 (goal <300)  ${ms(at(0.99)).padEnd(10)} ≈ 630–800 ms           4,560 ms`);
console.log(`max              ${ms(latencies[latencies.length - 1]).padEnd(10)}`);
console.log(`single command   ${ms(single).padEnd(10)} ≈ 10 ms`);
console.log(`all acknowledged after ${ms(acked)}; all work done after ${ms(finished)}`);
