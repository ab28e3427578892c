import type { DataSource, EntityManager } from "typeorm";
import { WriteLock } from "./write-lock";
import { EntityReader } from "./entity-reader";
import { runGuardedTransaction } from "./guarded-transaction";
import { isStorageFault } from "../errors/storage-fault";
import { WriteHealth, type WriteHealthLog } from "./write-health";
import { writeProbe } from "./write-probe";
import { sqliteHandleOf } from "./driver-internals";
import { StorageUnavailableError } from "../errors/storage-unavailable.error";
import type { DatabaseConnection, Dialect } from "./dialect";

const PROBE_FIRST_DELAY_MS = 1_000;
const PROBE_MAX_DELAY_MS = 30_000;

/** The gateway's database: the data source plus the one way to write to it. */
export class Database implements DatabaseConnection {
  private readonly writeLock = new WriteLock();
  /** Whole entities by key, without the ORM's per-row cost: the loaders' read path. */
  readonly reader: EntityReader = new EntityReader(this);
  /** Whether writes currently reach the disk; /readyz reports it. */
  readonly writeHealth: WriteHealth;
  private probing: NodeJS.Timeout | null = null;

  constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
    healthLog?: WriteHealthLog,
  ) {
    this.writeHealth = new WriteHealth(healthLog);
  }

  /**
   * Runs the work in one transaction. On SQLite, transactions run one at a time (single connection). A storage
   * fault (disk full, I/O error, lost connection) rolls everything back and throws StorageUnavailableError.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.runFailingClosed(work);
    return this.dialect === "sqlite" ? this.writeLock.run(run) : run();
  }

  /** Tries a tiny write; true (and the fault episode over) when it commits. */
  async probeWrites(): Promise<boolean> {
    try {
      await this.transaction((m) => writeProbe(m, this.dialect));
    } catch (error) {
      if (error instanceof StorageUnavailableError) return false;
      throw error;
    }
    this.writeHealth.recovered();
    return true;
  }

  /**
   * While an episode lasts, a probe retries in the background (1 s, doubling to 30 s), so the episode ends, and is
   * logged as over, once the database takes writes again, whether or not anything else writes or probes readiness.
   */
  private probeUntilRecovered(delayMs = PROBE_FIRST_DELAY_MS): void {
    if (this.probing) return;
    this.probing = setTimeout(() => {
      this.probing = null;
      if (!this.writeHealth.failing || !this.dataSource.isInitialized) return;
      void this.probeWrites()
        .catch(() => false)
        .then((recovered) => {
          if (!recovered) this.probeUntilRecovered(Math.min(delayMs * 2, PROBE_MAX_DELAY_MS));
        });
    }, delayMs).unref();
  }

  /** Stops the background probe (the gateway is shutting down). */
  stopProbing(): void {
    if (this.probing) clearTimeout(this.probing);
    this.probing = null;
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  private async runFailingClosed<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await runGuardedTransaction(this.dataSource, this.dialect, work);
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      this.writeHealth.failed(error);
      this.probeUntilRecovered();
      await this.reopenIfUnusable();
      throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError();
    }
  }

  /**
   * A SQLite file whose connection is closed, or still inside a transaction after ROLLBACK, is opened afresh. An
   * in-memory database never is: reopening it would start an empty one; it stays failing instead.
   */
  private async reopenIfUnusable(): Promise<void> {
    if (this.dialect !== "sqlite" || this.dataSource.options.database === ":memory:") return;
    const handle = sqliteHandleOf(this.dataSource);
    if (handle?.open && !handle.inTransaction) return;
    try {
      if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
      await this.dataSource.initialize();
    } catch {
      // Still unusable: the next write tries again, and readiness keeps saying so.
    }
  }
}
