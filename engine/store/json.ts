/**
 * JSON round-trip helpers shared by the stores, so the in-memory store drops `undefined` and
 * copies values exactly like the database-backed one (callers never share mutable state with it).
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(text: string | null | undefined): T | undefined {
  if (text === null || text === undefined) return undefined;
  const parsed = JSON.parse(text) as T | null;
  return parsed === null ? undefined : parsed;
}

/** A deep copy through JSON (what a store hands back is never the caller's object). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Removes keys whose value is undefined so records compare cleanly. */
export function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}
