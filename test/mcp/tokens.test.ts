import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_MCP_TENANT, parseTokens, tenantOfToken } from '../../adapters/mcp/tokens.js';
import { loadConfig } from '../../config.js';
import { configSecrets } from '../../logger.js';

const A = 'alpha-token-0123456789';
const B = 'bravo-token-9876543210';

describe('MCP bearer tokens: each token a tenant', () => {
  it('maps TROUPE_MCP_TOKEN to the local tenant and TROUPE_MCP_TOKENS pairs to mcp:<name>', () => {
    const tokens = parseTokens(A, `acme:${B}`);
    expect(tenantOfToken(tokens, A)).toBe(LOCAL_MCP_TENANT);
    expect(tenantOfToken(tokens, B)).toBe('mcp:acme');
    expect(tenantOfToken(tokens, `${A}x`)).toBeUndefined();
    expect(tenantOfToken(tokens, '')).toBeUndefined();
    expect(tenantOfToken([], A)).toBeUndefined();
  });

  it('accepts a token given as its sha256 digest, and keeps only digests', () => {
    const digest = createHash('sha256').update(B).digest('hex');
    const tokens = parseTokens(undefined, `globex:sha256:${digest}`);
    expect(tenantOfToken(tokens, B)).toBe('mcp:globex');
    expect(JSON.stringify(tokens)).not.toContain(B);
  });

  it('refuses short tokens, malformed pairs and one token for two tenants, naming the fix', () => {
    expect(() => parseTokens('short', undefined)).toThrow(/at least 16 characters/);
    expect(() => parseTokens(undefined, `:${A}`)).toThrow(/tenant:token/);
    expect(() => parseTokens(undefined, `a b:${A}`)).toThrow(/tenant:token/);
    expect(() => parseTokens(undefined, `one:${A},two:${A}`)).toThrow(/same token/);
  });

  it('reads the variables in the configuration, rejects a wrong shape without echoing it, and treats tokens as secrets', () => {
    const config = loadConfig({ TROUPE_MCP_TOKENS: `acme:${A}`, TROUPE_MCP_TOKEN: B, TROUPE_MCP_PORT: '0' });
    expect(config.mcp).toEqual({ token: B, tokens: `acme:${A}`, host: '127.0.0.1', port: 0 });
    expect(configSecrets(config)).toEqual(expect.arrayContaining([A, B]));
    let message = '';
    try {
      loadConfig({ TROUPE_MCP_TOKENS: 'acme=not-a-pair-at-all' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('TROUPE_MCP_TOKENS must be');
    expect(message).not.toContain('not-a-pair-at-all');
  });
});
