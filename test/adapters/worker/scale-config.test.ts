import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { configSecrets } from '../../../logger.js';

describe('scale-out configuration', () => {
  it('defaults to one process doing everything', () => {
    expect(loadConfig({}).scale).toEqual({ role: 'all', workerConcurrency: 4, shutdownGraceMs: 20_000 });
  });

  it('reads the role, worker concurrency, grace period and health port on PostgreSQL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://troupe:secret-pw@db:5432/troupe',
      TROUPE_ROLE: 'worker',
      TROUPE_WORKER_CONCURRENCY: '8',
      TROUPE_SHUTDOWN_GRACE_MS: '5000',
      TROUPE_HEALTH_PORT: '8080',
    });
    expect(config.scale).toEqual({ role: 'worker', workerConcurrency: 8, shutdownGraceMs: 5000, healthPort: 8080 });
    // The database password is scrubbed from logs like the other secrets.
    expect(configSecrets(config)).toContain('secret-pw');
  });

  it('refuses split roles on SQLite, with a PostgreSQL example', () => {
    expect(() => loadConfig({ TROUPE_ROLE: 'web' })).toThrow(/TROUPE_ROLE=web needs PostgreSQL.*postgresql:\/\//);
    expect(() => loadConfig({ TROUPE_ROLE: 'boss' })).toThrow(/TROUPE_ROLE.*one of web, worker, all/s);
  });
});
