/**
 * Failed sign-ins per key (username + IP) in a sliding window, kept in this process's memory:
 * enough to make guessing slow for one server. Several servers behind one address would each
 * count on their own, and a restart forgets; a shared store is not worth it for secrets of
 * 256 bits and keys that cannot be guessed.
 */
export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Bound on the keys kept, so a flood of usernames cannot grow the map without end. */
    private readonly maxKeys = 10_000,
  ) {}

  blocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.limit;
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.delete(key);
    this.failures.set(key, list);
    // Map keeps insertion order: the first key is the one that failed longest ago.
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}
