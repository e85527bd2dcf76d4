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

  constructor(existing: Iterable<string> = []) {
    this.addExisting(existing);
  }

  /** Marks names as used (e.g. loaded from the store). */
  addExisting(names: Iterable<string>): void {
    for (const name of names) this.taken.add(normalizeName(name));
  }

  has(name: string): boolean {
    return this.taken.has(normalizeName(name));
  }

  /** Takes the name if it is free; returns whether it did. */
  tryReserve(name: string): boolean {
    const key = normalizeName(name);
    if (!key || this.taken.has(key)) return false;
    this.taken.add(key);
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
    this.taken.delete(normalizeName(name));
  }

  get size(): number {
    return this.taken.size;
  }
}

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
