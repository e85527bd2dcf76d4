import { createHash, randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../../engine/store/ports.js';

/** A file served by Troupe's `/files/…` endpoint. */
export interface LinkedFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

interface StoredFile {
  filename: string;
  mimeType: string;
  base64: string;
  expiresAt: number;
}

const fileKey = (token: string) => `teams:file:${createHash('sha256').update(token).digest('hex')}`;

/**
 * Expiring, unguessable links to charts and exports: `publish` stores the bytes under the SHA-256
 * of a random 256-bit token (the token itself is never stored) and returns
 * `<public URL>/files/<tenant>/<token>/<filename>`; `open` returns the file only for the right
 * tenant and token before it expires.
 *
 * @example
 *   const url = await links.publish('teams:T1', { filename: 'panel.md', mimeType: 'text/markdown', bytes });
 *   // https://troupe.example.com/files/teams%3AT1/3q2-…/panel.md
 */
export class FileLinks {
  constructor(
    private readonly store: KeyValueStore,
    private readonly publicUrl: string,
    private readonly ttlMs = 24 * 3600 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long a link works, in hours. */
  get ttlHours(): number {
    return Math.round(this.ttlMs / 3600_000);
  }

  async publish(tenantId: string, file: LinkedFile): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const stored: StoredFile = {
      filename: file.filename,
      mimeType: file.mimeType,
      base64: file.bytes.toString('base64'),
      expiresAt: this.now() + this.ttlMs,
    };
    await this.store.setValue(tenantId, fileKey(token), stored);
    const base = this.publicUrl.replace(/\/+$/, '');
    return `${base}/files/${encodeURIComponent(tenantId)}/${token}/${encodeURIComponent(file.filename)}`;
  }

  /** The file behind a link, or undefined when the token is wrong, of another tenant, or expired. */
  async open(tenantId: string, token: string): Promise<LinkedFile | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const stored = (await this.store.getValue(tenantId, fileKey(token)).catch(() => undefined)) as
      | StoredFile
      | undefined;
    if (!stored) return undefined;
    if (stored.expiresAt <= this.now()) {
      await this.store.deleteValue(tenantId, fileKey(token)).catch(() => undefined);
      return undefined;
    }
    return { filename: stored.filename, mimeType: stored.mimeType, bytes: Buffer.from(stored.base64, 'base64') };
  }
}
