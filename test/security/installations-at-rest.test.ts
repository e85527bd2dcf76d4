import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createSlackApp } from '../../adapters/slack/index.js';
import { InstallationCipher } from '../../adapters/slack/installation-cipher.js';
import { StoreInstallationStore } from '../../adapters/slack/installation-store.js';
import { loadConfig } from '../../config.js';
import { ConfigError } from '../../engine/errors.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { offlineModel } from '../adapters/slack/harness.js';

const KEY = Buffer.alloc(32, 3).toString('base64');
const TOKEN = 'xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';

function installation(): Installation<'v2', false> {
  return {
    team: { id: 'TSEC', name: 'Sec' },
    enterprise: undefined,
    user: { id: 'U1', token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UBOT', token: TOKEN, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

describe('security: Slack installations are encrypted at rest', () => {
  it('stores no token in the clear, reads it back with the key, and refuses a wrong key', async () => {
    const store = new MemoryStore();
    const installations = new StoreInstallationStore(store, new InstallationCipher(KEY));
    await installations.storeInstallation(installation());
    const raw = JSON.stringify(await store.getValue('slack:TSEC', 'slack.installation'));
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain('xoxb-');
    const back = await installations.fetchInstallation({
      teamId: 'TSEC',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(back.bot?.token).toBe(TOKEN);
    const wrong = new StoreInstallationStore(store, new InstallationCipher(Buffer.alloc(32, 4).toString('base64')));
    await expect(
      wrong.fetchInstallation({ teamId: 'TSEC', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow();
  });

  it('refuses to start in OAuth mode without TROUPE_ENCRYPTION_KEY, with a clear error', () => {
    expect(() =>
      createSlackApp({
        store: new MemoryStore(),
        model: offlineModel(),
        limits: { maxPanelSize: 5, maxConcurrentJobs: 1 },
        mode: 'http',
        signingSecret: 'signing-secret',
        oauth: { clientId: '1.2', clientSecret: 'client-secret', stateSecret: 'state-secret' },
      }),
    ).toThrow(ConfigError);
    expect(() =>
      createSlackApp({
        store: new MemoryStore(),
        model: offlineModel(),
        limits: { maxPanelSize: 5, maxConcurrentJobs: 1 },
        mode: 'http',
        signingSecret: 'signing-secret',
        oauth: { clientId: '1.2', clientSecret: 'client-secret', stateSecret: 'state-secret' },
      }),
    ).toThrow(/TROUPE_ENCRYPTION_KEY is required in OAuth mode.*openssl rand -base64 32/);
  });

  it('rejects a key that is not 32 bytes of base64 at start-up, naming the variable', () => {
    expect(() => loadConfig({ TROUPE_ENCRYPTION_KEY: 'too-short' })).toThrow(
      /TROUPE_ENCRYPTION_KEY must be 32 random bytes/,
    );
    expect(loadConfig({ TROUPE_ENCRYPTION_KEY: KEY }).slack.encryptionKey).toBe(KEY);
  });
});
