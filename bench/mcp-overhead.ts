/**
 * MCP overhead: the same commands run directly through the MCP surface's CommandCaller (the command
 * service, no protocol) and as tool calls of the real SDK client over Streamable HTTP (loopback, SQLite,
 * offline model). Prints the median time per call of each, side by side — the direct run is the
 * baseline — and the progress notifications an ask sends. Figures only; nothing passes or fails on time.
 */
import { panelChannel, TENANT_CHANNEL } from '../adapters/mcp/panel-channels.js';
import { startHttpHarness } from '../test/mcp/harness.js';

const QUICK = 20;
const ASKS = 8;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const harness = await startHttpHarness();
const client = await harness.connect();
const tenantId = 'mcp:acme';
const caller = harness.surface.services.caller;
await client.callTool({ name: 'create_panel', arguments: { count: 5, description: 'US parents', name: 'parents' } });

const direct = { list: [] as number[], ask: [] as number[] };
const mcp = { list: [] as number[], ask: [] as number[] };
let notifications = 0;
for (let index = 0; index < QUICK; index++) {
  direct.list.push(await time(() => caller.run(tenantId, { channelKey: TENANT_CHANNEL, text: '/panel list' })));
  mcp.list.push(await time(() => client.callTool({ name: 'list_panels', arguments: {} })));
}
for (let index = 0; index < ASKS; index++) {
  const question = `Question ${index}: what would make you switch?`;
  direct.ask.push(
    await time(() =>
      caller.run(tenantId, { channelKey: panelChannel('parents'), text: `/panel ask "${question} (direct)"` }),
    ),
  );
  mcp.ask.push(
    await time(() =>
      client.callTool({ name: 'ask_panel', arguments: { panel: 'parents', question } }, undefined, {
        onprogress: () => {
          notifications++;
        },
      }),
    ),
  );
}
await harness.close();

const row = (label: string, base: number[], over: number[]) =>
  `${label.padEnd(28)} direct ${median(base).toFixed(1).padStart(7)} ms   MCP/HTTP ${median(over).toFixed(1).padStart(7)} ms   overhead ${(median(over) - median(base)).toFixed(1)} ms (×${(median(over) / median(base)).toFixed(2)})`;
console.log('MCP tool call vs the same command through the command service (median per call)');
console.log(row(`list_panels (n=${QUICK})`, direct.list, mcp.list));
console.log(row(`ask_panel, 5 personas (n=${ASKS})`, direct.ask, mcp.ask));
console.log(
  `progress notifications per ask: ${(notifications / ASKS).toFixed(1)} (one per persona answered, plus the acknowledgement)`,
);
