import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../../engine/store/ports.js';

/** A chart or export kept so a client can read it as a resource after the tool call. */
export interface Artifact {
  kind: 'chart' | 'export';
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Key prefix of stored artifacts (expired with `store.expireValues`). */
export const ARTIFACT_PREFIX = 'mcp:artifact:';

/** How long charts and exports stay readable (a week). */
export const ARTIFACT_TTL_MS = 7 * 86_400_000;

/**
 * Charts and exports produced over MCP, stored per tenant in the key-value store (so a stdio server
 * restarted by the desktop assistant still serves them) and read back as `troupe://charts/{id}` and
 * `troupe://exports/{id}`.
 *
 * @example
 *   const uri = await artifacts.save('mcp:local', { kind: 'chart', filename: 'poll.png', mimeType: 'image/png', bytes });
 */
export class Artifacts {
  constructor(private readonly store: KeyValueStore) {}

  /** Stores the artifact; returns its resource URI. */
  async save(tenantId: string, artifact: Artifact): Promise<string> {
    const id = randomBytes(8).toString('hex');
    await this.store.setValue(tenantId, `${ARTIFACT_PREFIX}${id}`, {
      kind: artifact.kind,
      filename: artifact.filename,
      mimeType: artifact.mimeType,
      base64: Buffer.from(artifact.bytes).toString('base64'),
    });
    return artifactUri(artifact.kind, id);
  }

  /** The artifact of this tenant under the id, if any (another tenant's id is simply not there). */
  async load(tenantId: string, kind: Artifact['kind'], id: string): Promise<Artifact | undefined> {
    if (!/^[0-9a-f]{16}$/.test(id)) return undefined;
    const value = (await this.store.getValue(tenantId, `${ARTIFACT_PREFIX}${id}`)) as
      | { kind?: string; filename?: string; mimeType?: string; base64?: string }
      | undefined;
    if (value?.kind !== kind || !value.filename || !value.mimeType || value.base64 === undefined) return undefined;
    return {
      kind,
      filename: value.filename,
      mimeType: value.mimeType,
      bytes: new Uint8Array(Buffer.from(value.base64, 'base64')),
    };
  }
}

/** `troupe://charts/{id}` or `troupe://exports/{id}`. */
export function artifactUri(kind: Artifact['kind'], id: string): string {
  return `troupe://${kind === 'chart' ? 'charts' : 'exports'}/${id}`;
}
