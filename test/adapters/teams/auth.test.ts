import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsApp } from '../../../adapters/teams/index.js';
import { ConfigError } from '../../../engine/errors.js';
import { testKey } from '../../fakes/bot-jwks.js';
import { APP_ID, Harness, LIMITS, offlineModel, tempStore } from './harness.js';

describe('Teams inbound authentication (the SDK validates JWTs against a loopback OpenID/JWKS)', () => {
  let harness: Harness;
  let anonymous: Harness;
  let cleanup: () => Promise<void>;
  const sent = () =>
    harness.connector.accepted('send').length + harness.connector.accepted('create-conversation').length;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
    anonymous = await Harness.start({
      store: temp.store,
      overrides: { appId: undefined, allowAnonymous: true },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await anonymous?.stop();
    await cleanup?.();
  });

  it('accepts a token signed by the served key for this app and this service URL', async () => {
    const before = sent();
    expect((await harness.post(harness.activity('<at>Troupe</at> help'))).status).toBe(200);
    await harness.idle();
    expect(sent()).toBeGreaterThan(before);
  });

  const rejected: [string, () => string | null][] = [
    ['no Authorization header', () => null],
    [
      'a token signed by another key',
      () =>
        `Bearer ${harness.jwks.token({ aud: APP_ID, serviceurl: harness.connector.serviceUrl }, testKey('troupe-test-key'))}`,
    ],
    [
      'an expired token',
      () =>
        `Bearer ${harness.token({ exp: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 4000 })}`,
    ],
    [
      'an unsigned token (alg none)',
      () => `Bearer ${harness.jwks.token({ aud: APP_ID, serviceurl: harness.connector.serviceUrl }, null)}`,
    ],
    ['a token for another app', () => `Bearer ${harness.token({ aud: '99999999-0000-0000-0000-000000000000' })}`],
    ['a token from another issuer', () => `Bearer ${harness.token({ iss: 'https://evil.example.com' })}`],
    ['a token for another service URL', () => `Bearer ${harness.token({ serviceurl: 'https://evil.example.com/' })}`],
    ['garbage', () => 'Bearer not-a-jwt'],
  ];
  for (const [label, authorization] of rejected) {
    it(`answers 401 to ${label}, and nothing is posted`, async () => {
      const before = sent();
      const response = await harness.post(harness.activity('<at>Troupe</at> panel list'), authorization());
      expect(response.status).toBe(401);
      await harness.idle();
      expect(sent()).toBe(before);
    });
  }

  it('anonymous mode (explicit TEAMS_ALLOW_ANONYMOUS) accepts unsigned activities', async () => {
    const before = anonymous.connector.accepted('send').length;
    expect((await anonymous.post(anonymous.activity('<at>Troupe</at> help', { id: 'anon-1' }), null)).status).toBe(200);
    await anonymous.idle();
    expect(anonymous.connector.accepted('send').length).toBeGreaterThan(before);
  });

  it('refuses to build without TEAMS_APP_ID unless anonymous mode is asked for', async () => {
    const temp = await tempStore();
    try {
      expect(() => createTeamsApp({ store: temp.store, model: offlineModel(), limits: LIMITS })).toThrow(ConfigError);
    } finally {
      await temp.cleanup();
    }
  });
});
