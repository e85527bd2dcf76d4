import { describe, expect, it } from 'vitest';
import { teamsConfigured } from '../../../adapters/teams/start.js';
import { loadConfig, redactConfig } from '../../../config.js';
import { ConfigError } from '../../../engine/errors.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('Teams configuration', () => {
  it('reads TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID and keeps the password out of logs', () => {
    const config = loadConfig({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'sekret~value', TEAMS_TENANT_ID: APP_ID });
    expect(config.teams).toMatchObject({
      appId: APP_ID,
      appPassword: 'sekret~value',
      tenantId: APP_ID,
      allowAnonymous: false,
    });
    expect(teamsConfigured(config)).toBe(true);
    expect(JSON.stringify(redactConfig(config))).not.toContain('sekret~value');
  });

  it('anonymous mode only when TEAMS_ALLOW_ANONYMOUS=true, never by omission', () => {
    expect(teamsConfigured(loadConfig({}))).toBe(false);
    expect(loadConfig({}).teams.allowAnonymous).toBe(false);
    expect(teamsConfigured(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true' }))).toBe(true);
    expect(() => loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'yes' })).toThrow(/TEAMS_ALLOW_ANONYMOUS must be true or false/);
  });

  it('a wrong app id is reported with an example, and the password is never echoed', () => {
    let error: unknown;
    try {
      loadConfig({ TEAMS_APP_ID: 'troupe-bot', TEAMS_APP_PASSWORD: '' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain('TEAMS_APP_ID=00000000-0000-0000-0000-000000000000');
  });
});
