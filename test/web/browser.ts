import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { startWebPlayground, type StartWebOptions, type WebPlayground } from '../../adapters/web/index.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import type { Store } from '../../engine/store/ports.js';
import { openStore } from '../../prisma/index.js';

/** Debian's Chromium (installed by `.ci/run` when missing); playwright's own browser downloads do not work here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium with the flags known to work on this machine's closed network (its own fresh profile dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const LIMITS = { maxPanelSize: 20, maxConcurrentJobs: 3 };

/** A playground on a loopback port 0, over a real SQLite store in a temp folder and the offline model. */
export async function startTestPlayground(
  extra: Partial<StartWebOptions> = {},
): Promise<{ web: WebPlayground; store: Store; model: OfflineModel; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'troupe-web-'));
  const store = await openStore({ databaseUrl: `file:${path.join(dir, 'troupe.db')}` });
  const model = new OfflineModel({ responders: allOfflineResponders() });
  const web = await startWebPlayground({
    store,
    model,
    limits: LIMITS,
    host: '127.0.0.1',
    port: 0,
    progressEditIntervalMs: 50,
    ...extra,
  });
  return {
    web,
    store,
    model,
    async cleanup() {
      await web.stop();
      await web.surface.whenIdle().catch(() => undefined);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
