import type { WorldEvent } from '../engine/agent/events.js';
import type { PersonaSpec } from '../engine/agent/persona-spec.js';
import { compact, fromJson } from '../engine/store/json.js';
import type {
  JobRecord,
  JobStatus,
  PanelRecord,
  PersonaRecord,
  PostRecord,
  WorldRecord,
} from '../engine/store/ports.js';
import type { Event, Job, Panel, Persona, Post, World } from './generated/client.js';

// Row → record mappers: JSON columns are parsed, NULL columns become absent keys.

export function toPanel(row: Panel): PanelRecord {
  return compact({
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    description: row.description,
    weights: fromJson<Record<string, number>>(row.weights),
    meta: fromJson<Record<string, unknown>>(row.meta),
    createdAt: row.createdAt.toISOString(),
  });
}

export function toPersona(row: Persona): PersonaRecord {
  return compact({
    id: row.id,
    tenantId: row.tenantId,
    panelId: row.panelId,
    name: row.name,
    avatar: row.avatar ?? undefined,
    spec: fromJson<PersonaSpec>(row.spec)!,
    state: fromJson<Record<string, unknown>>(row.state),
    profile: row.profile ?? undefined,
  });
}

export function toWorld(row: World): WorldRecord {
  return compact({
    id: row.id,
    tenantId: row.tenantId,
    channelKey: row.channelKey,
    panelId: row.panelId,
    state: fromJson<Record<string, unknown>>(row.state),
  });
}

export function toEvent(row: Event): WorldEvent {
  return compact({
    seq: row.seq,
    threadKey: row.threadKey ?? undefined,
    simTime: row.simTime ?? undefined,
    agent: row.agent,
    kind: row.kind as WorldEvent['kind'],
    type: row.type,
    content: row.content,
    counterpart: row.counterpart ?? undefined,
    createdAt: row.createdAt.toISOString(),
  });
}

export function toJob(row: Job): JobRecord {
  return compact({
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    status: row.status as JobStatus,
    input: fromJson<Record<string, unknown>>(row.input) ?? {},
    conversation: fromJson<Record<string, unknown>>(row.conversation) ?? {},
    progress: fromJson<JobRecord['progress']>(row.progress),
    result: fromJson<Record<string, unknown>>(row.result),
    error: row.error ?? undefined,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

export function toPost(row: Post): PostRecord {
  return compact({
    tenantId: row.tenantId,
    idempotencyKey: row.idempotencyKey,
    channelKey: row.channelKey,
    threadKey: row.threadKey ?? undefined,
    platformId: row.platformId ?? undefined,
    speaker: row.speaker ?? undefined,
    body: fromJson<Record<string, unknown>>(row.body) ?? {},
    createdAt: row.createdAt.toISOString(),
  });
}

/** JSON for an optional column: undefined stays undefined (no change), anything else is serialized. */
export function optionalJson(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
