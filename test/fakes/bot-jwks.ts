import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Bot Framework token issuer the SDK expects on connector tokens. */
export const BOT_ISSUER = 'https://api.botframework.com';

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A test RSA key with a key id, able to sign RS256 JWTs. */
export function testKey(kid: string): { kid: string; privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

/** Signs a JWT with RS256 (or returns an unsigned `alg: none` token when `key` is undefined). */
export function signJwt(
  key: { kid: string; privateKey: KeyObject } | undefined,
  claims: Record<string, unknown>,
): string {
  const header = key ? { alg: 'RS256', typ: 'JWT', kid: key.kid } : { alg: 'none', typ: 'JWT' };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  if (!key) return `${unsigned}.`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.privateKey);
  return `${unsigned}.${base64url(signature)}`;
}

/**
 * A loopback stand-in for the Bot Framework's OpenID metadata and signing keys
 * (`/v1/.well-known/openidconfiguration` and `/v1/.well-known/keys`), serving one test key.
 * Point the SDK's cloud `openIdMetadataUrl` at `openIdMetadataUrl`.
 *
 * @example
 *   const jwks = await FakeJwks.start();
 *   const token = jwks.token({ aud: APP_ID, serviceurl: connector.serviceUrl });
 */
export class FakeJwks {
  readonly key = testKey('troupe-test-key');

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeJwks> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeJwks(server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => {
      const base = `http://127.0.0.1:${fake.port}/v1/.well-known`;
      if (req.url === '/v1/.well-known/keys')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ keys: [fake.key.jwk] }));
      if (req.url === '/v1/.well-known/openidconfiguration')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: BOT_ISSUER,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      res.writeHead(404).end();
    });
    return fake;
  }

  get openIdMetadataUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/.well-known/openidconfiguration`;
  }

  /** A connector token signed by the served key (`null`: unsigned), valid for an hour unless `claims` say otherwise. */
  token(claims: Record<string, unknown>, key: { kid: string; privateKey: KeyObject } | null = this.key): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(key ?? undefined, { iss: BOT_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
