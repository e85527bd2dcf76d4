/**
 * Names reserved in one tenant. Share one instance between all factories of a tenant (pass it in;
 * never make it global): reservation is synchronous, so two factories running at the same time can
 * never take the same name. Comparison ignores case and surrounding spaces.
 *
 * @example
 *   const names = new NameRegistry(await store.listPersonaNames(tenantId));
 *   names.tryReserve('Ada Obi'); // true the first time, false afterwards
 */
export class NameRegistry {
  private readonly taken = new Set<string>();
  /** How many taken names use each word, so new names can avoid repeating a given or family name. */
  private readonly partCounts = new Map<string, number>();

  constructor(existing: Iterable<string> = []) {
    this.addExisting(existing);
  }

  /** Marks names as used (e.g. loaded from the store). */
  addExisting(names: Iterable<string>): void {
    for (const name of names) this.tryReserve(name);
  }

  /** Whether a taken name already uses this word (e.g. the family name "Allen"). */
  usesPart(word: string): boolean {
    return (this.partCounts.get(word.trim().toLowerCase()) ?? 0) > 0;
  }

  has(name: string): boolean {
    return this.taken.has(normalizeName(name));
  }

  /** Takes the name if it is free; returns whether it did. */
  tryReserve(name: string): boolean {
    const key = normalizeName(name);
    if (!key || this.taken.has(key)) return false;
    this.taken.add(key);
    this.countParts(key, 1);
    return true;
  }

  /** Takes the first free name from `candidate(0)`, `candidate(1)`, … (up to `limit` tries). */
  reserveFirst(candidate: (attempt: number) => string, limit = 500): string | undefined {
    for (let attempt = 0; attempt < limit; attempt++) {
      const name = candidate(attempt);
      if (this.tryReserve(name)) return name;
    }
    return undefined;
  }

  /** Gives a name back (its persona was never made). */
  release(name: string): void {
    const key = normalizeName(name);
    if (this.taken.delete(key)) this.countParts(key, -1);
  }

  get size(): number {
    return this.taken.size;
  }

  private countParts(key: string, delta: number): void {
    for (const part of key.split(' ')) this.partCounts.set(part, (this.partCounts.get(part) ?? 0) + delta);
  }
}

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
