import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../../engine/errors.js';

/** One accepted bearer token: the tenant it stands for and its SHA-256 digest (the token itself is not kept). */
export interface TenantToken {
  tenantId: string;
  digest: Buffer;
}

/** The tenant of stdio and of the single `TROUPE_MCP_TOKEN`. */
export const LOCAL_MCP_TENANT = 'mcp:local';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The token table from `TROUPE_MCP_TOKEN` (one token, the local tenant) and `TROUPE_MCP_TOKENS`
 * (`tenantA:token1,tenantB:token2`; a token may be given hashed as `sha256:<hex>`). Each name is its own
 * tenant, `mcp:<name>`, which never sees another tenant's panels.
 *
 * @example
 *   parseTokens(undefined, 'acme:0123456789abcdef,globex:sha256:9f86d0…'); // [{ tenantId: 'mcp:acme', digest }, …]
 */
export function parseTokens(single: string | undefined, list: string | undefined): TenantToken[] {
  const tokens: TenantToken[] = single ? [{ tenantId: LOCAL_MCP_TENANT, digest: digestOf(single) }] : [];
  for (const entry of (list ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(':');
    const name = entry.slice(0, at);
    const token = entry.slice(at + 1);
    if (at < 1 || !/^[\w.-]{1,40}$/.test(name) || !token)
      throw new ConfigError(
        'config.invalid',
        'TROUPE_MCP_TOKENS must be tenant:token pairs separated by commas, e.g. TROUPE_MCP_TOKENS=acme:<token>,globex:sha256:<hex digest>',
      );
    tokens.push({ tenantId: `mcp:${name}`, digest: digestOf(token) });
  }
  const seen = new Set<string>();
  for (const { digest } of tokens) {
    const hex = digest.toString('hex');
    if (seen.has(hex))
      throw new ConfigError('config.invalid', 'Two MCP tenants have the same token; give each tenant its own.');
    seen.add(hex);
  }
  return tokens;
}

function digestOf(token: string): Buffer {
  const hashed = /^sha256:([0-9a-f]{64})$/i.exec(token);
  if (hashed) return Buffer.from(hashed[1], 'hex');
  if (token.length < 16)
    throw new ConfigError(
      'config.invalid',
      `An MCP token must be at least 16 characters (got ${token.length}), e.g. from: openssl rand -hex 32`,
    );
  return sha256(token);
}

/**
 * The tenant a presented bearer token stands for, or undefined. Compares digests in constant time and
 * always against every entry, so timing says nothing about which token (or how much of one) matched.
 */
export function tenantOfToken(tokens: readonly TenantToken[], presented: string): string | undefined {
  const digest = sha256(presented);
  let tenant: string | undefined;
  for (const entry of tokens) if (timingSafeEqual(entry.digest, digest) && !tenant) tenant = entry.tenantId;
  return tenant;
}
