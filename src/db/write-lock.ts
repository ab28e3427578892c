/**
 * A promise queue. better-sqlite3 gives TypeORM a single connection, so two overlapping transactions would
 * interleave on it (and a failed one could leave the other's writes behind): every write waits its turn here.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
