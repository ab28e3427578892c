/** Where the tracker reports an episode's start and end (the gateway's logger; silent in the CLI). */
export interface WriteHealthLog {
  writesFailing(error: unknown): void;
  writesRecovered(failedForMs: number): void;
}

const SILENT: WriteHealthLog = { writesFailing: () => undefined, writesRecovered: () => undefined };

/**
 * Whether the database takes writes: failing from the first storage fault until a write probe commits again.
 * Only a probe ends an episode, because a transaction that happened to write nothing commits on a full disk too.
 * Each episode is logged once, when it starts and when it ends, however many writes fail in between.
 */
export class WriteHealth {
  private failingSince: number | null = null;

  constructor(private readonly log: WriteHealthLog = SILENT) {}

  get failing(): boolean {
    return this.failingSince !== null;
  }

  failed(error: unknown): void {
    if (this.failingSince !== null) return;
    this.failingSince = Date.now();
    this.log.writesFailing(error);
  }

  recovered(): void {
    if (this.failingSince === null) return;
    const failedForMs = Date.now() - this.failingSince;
    this.failingSince = null;
    this.log.writesRecovered(failedForMs);
  }
}
