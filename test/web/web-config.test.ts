import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../../config.js';
import { ConfigError } from '../../engine/errors.js';
import { configSecrets } from '../../logger.js';

const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2';

describe('TROUPE_WEB_* configuration', () => {
  it('serves the playground on 127.0.0.1 by default, with the port chosen at start-up', () => {
    expect(loadConfig({}).web).toEqual({ enabled: true, host: '127.0.0.1', port: undefined, token: undefined });
    expect(loadConfig({ TROUPE_WEB_PORT: '8080' }).web.port).toBe(8080);
    expect(loadConfig({ TROUPE_WEB_PORT: '0' }).web.port).toBe(0);
    expect(loadConfig({ TROUPE_WEB_PORT: 'off' }).web.enabled).toBe(false);
  });

  it('refuses a non-loopback bind without a token, naming both variables and an example', () => {
    let error: unknown;
    try {
      loadConfig({ TROUPE_WEB_HOST: '0.0.0.0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/TROUPE_WEB_HOST=0\.0\.0\.0 is not a loopback address/);
    expect((error as Error).message).toMatch(/TROUPE_WEB_TOKEN=\$\(openssl rand -hex 24\)/);
    expect(loadConfig({ TROUPE_WEB_HOST: 'localhost' }).web.host).toBe('localhost');
    expect(loadConfig({ TROUPE_WEB_HOST: '::1' }).web.host).toBe('::1');
    expect(loadConfig({ TROUPE_WEB_HOST: '0.0.0.0', TROUPE_WEB_TOKEN: TOKEN }).web).toMatchObject({
      host: '0.0.0.0',
      token: TOKEN,
    });
  });

  it('rejects a short token and a bad port without echoing the token', () => {
    let message = '';
    try {
      loadConfig({ TROUPE_WEB_TOKEN: 'short-secret', TROUPE_WEB_PORT: 'http' });
    } catch (caught) {
      message = (caught as Error).message;
    }
    expect(message).toMatch(/TROUPE_WEB_TOKEN must be a random token of at least 16 characters/);
    expect(message).toMatch(/TROUPE_WEB_PORT must be a port number \(0 picks a free one\) or off \(got "http"\)/);
    expect(message).not.toContain('short-secret');
  });

  it('keeps the token out of logs and redacted configs', () => {
    const config = loadConfig({ TROUPE_WEB_TOKEN: TOKEN });
    expect(configSecrets(config)).toContain(TOKEN);
    expect(JSON.stringify(redactConfig(config))).not.toContain(TOKEN);
  });
});
