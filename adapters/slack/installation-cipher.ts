import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../../engine/errors.js';

/** How an encrypted installation is stored: AES-256-GCM, base64 fields. */
const Sealed = z.object({ v: z.literal(1), iv: z.string(), tag: z.string(), data: z.string() });
type Sealed = z.infer<typeof Sealed>;

/**
 * Encrypts Slack installations (bot tokens) at rest with AES-256-GCM under `TROUPE_ENCRYPTION_KEY`
 * (32 bytes, base64): the database holds no token a copy of it could use. Tampering or a wrong key
 * fails loudly instead of yielding garbage.
 *
 * @example
 *   const cipher = new InstallationCipher(process.env.TROUPE_ENCRYPTION_KEY);
 *   cipher.open(cipher.seal({ bot: { token: 'xoxb-…' } }));
 */
export class InstallationCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) {
      throw new ConfigError(
        'config.encryption_key',
        `TROUPE_ENCRYPTION_KEY must be 32 bytes in base64 (got ${key.length} bytes), e.g. generate one with: openssl rand -base64 32`,
      );
    }
    this.key = key;
  }

  seal(value: unknown): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  /** Whether a stored value is sealed (older, plain installations are read as they are). */
  static isSealed(value: unknown): boolean {
    return Sealed.safeParse(value).success;
  }

  open(value: unknown): unknown {
    const sealed = Sealed.parse(value);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  }
}
