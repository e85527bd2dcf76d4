import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../config.js';
import { ConfigError } from '../engine/errors.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the offline model with a notice saying how to switch', () => {
    const config = loadConfig({});
    expect(config.llm).toMatchObject({
      provider: 'offline',
      model: 'gpt-4.1-mini',
      maxConcurrency: 8,
      timeoutMs: 60_000,
      cache: true,
    });
    expect(config.llm.rpm).toBeUndefined();
    expect(config.database.url).toBe('file:./data/troupe.db');
    expect(config.server.port).toBe(3000);
    expect(config.troupe).toEqual({
      maxPanelSize: 50,
      maxConcurrentJobs: 3,
      tokenBudget: undefined,
      confirmAboveUsd: 0.5,
    });
    expect(config.notices).toHaveLength(1);
    expect(config.notices[0]).toContain('LLM_API_KEY');
    expect(config.notices[0]).toContain('Ollama');
  });

  it('infers openai from a key, OPENAI_API_KEY or a base URL', () => {
    expect(loadConfig({ LLM_API_KEY: 'sk-a' }).llm).toMatchObject({ provider: 'openai', apiKey: 'sk-a' });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-b' }).llm).toMatchObject({ provider: 'openai', apiKey: 'sk-b' });
    expect(loadConfig({ LLM_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-b' }).llm.apiKey).toBe('sk-a');
    const ollama = loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.1' });
    expect(ollama.llm).toMatchObject({
      provider: 'openai',
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.1',
      apiKey: undefined,
    });
    expect(ollama.notices).toEqual([]);
    expect(loadConfig({ LLM_API_KEY: 'sk-a', LLM_PROVIDER: 'offline' }).llm.provider).toBe('offline');
  });

  it('parses numbers, switches and blanks', () => {
    const config = loadConfig({
      LLM_API_KEY: 'sk-a',
      LLM_MAX_CONCURRENCY: ' 4 ',
      LLM_RPM: '500',
      LLM_TPM: '200000',
      LLM_CACHE: 'OFF',
      PORT: '8080',
      TROUPE_CONFIRM_ABOVE_USD: '0',
      TROUPE_TOKEN_BUDGET: '',
    });
    expect(config.llm).toMatchObject({ maxConcurrency: 4, rpm: 500, tpm: 200_000, cache: false });
    expect(config.server.port).toBe(8080);
    expect(config.troupe.confirmAboveUsd).toBe(0);
    expect(config.troupe.tokenBudget).toBeUndefined();
  });

  it('names the variable, what it got and what it expects', () => {
    const error = configError({ LLM_MAX_CONCURRENCY: 'abc' });
    expect(error.code).toBe('config.invalid');
    expect(error.message).toContain(
      'LLM_MAX_CONCURRENCY must be a positive integer (got "abc"), e.g. LLM_MAX_CONCURRENCY=8',
    );
  });

  it('reports every wrong variable at once', () => {
    const error = configError({
      LLM_PROVIDER: 'anthropic',
      PORT: '99999',
      LLM_BASE_URL: 'localhost:11434',
      LLM_CACHE: 'maybe',
      LLM_TIMEOUT_MS: '-5',
    });
    for (const name of ['LLM_PROVIDER', 'PORT', 'LLM_BASE_URL', 'LLM_CACHE', 'LLM_TIMEOUT_MS'])
      expect(error.message).toContain(`${name} must be`);
    expect(error.message).toContain('(got "anthropic")');
    expect(error.message.split('\n- ')).toHaveLength(6);
  });

  it('refuses LLM_PROVIDER=openai with no way to reach a provider', () => {
    expect(configError({ LLM_PROVIDER: 'openai' }).message).toContain('LLM_API_KEY');
  });

  it('masks secrets for logging', () => {
    const redacted = redactConfig(loadConfig({ LLM_API_KEY: 'sk-secret-123', SLACK_BOT_TOKEN: 'xoxb-very-secret' }));
    expect(JSON.stringify(redacted)).not.toContain('secret');
  });

  it('reads the small model, the prompt-cache-key switch and the compact-profile tasks', () => {
    const defaults = loadConfig({});
    expect(defaults.llm).toMatchObject({ promptCacheKey: 'auto', compactProfile: ['judge'] });
    expect(defaults.llm.smallModel).toBeUndefined();
    const set = loadConfig({
      LLM_MODEL_SMALL: 'gpt-4.1-nano',
      LLM_PROMPT_CACHE_KEY: 'OFF',
      LLM_COMPACT_PROFILE: 'poll,judge',
    });
    expect(set.llm).toMatchObject({
      smallModel: 'gpt-4.1-nano',
      promptCacheKey: 'off',
      compactProfile: ['poll', 'judge'],
    });
    expect(loadConfig({ LLM_COMPACT_PROFILE: 'none' }).llm.compactProfile).toEqual([]);
    expect(loadConfig({ LLM_COMPACT_PROFILE: 'all' }).llm.compactProfile).toEqual(['poll', 'judge']);
    expect(() => loadConfig({ LLM_COMPACT_PROFILE: 'act' })).toThrow(
      /LLM_COMPACT_PROFILE must be none, all, or a comma-separated list of poll, judge \(got "act"\), e.g. LLM_COMPACT_PROFILE=poll,judge/,
    );
  });
});
