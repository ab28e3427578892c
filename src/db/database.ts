import type { DataSource, EntityManager } from "typeorm";
import { WriteLock } from "./write-lock";
import { EntityReader } from "./entity-reader";

export type Dialect = "sqlite" | "postgres";

/** The gateway's database: the data source plus the one way to write to it. */
export class Database {
  private readonly writeLock = new WriteLock();
  /** Whole entities by key, without the ORM's per-row cost: the loaders' read path. */
  readonly reader: EntityReader = new EntityReader(this);

  constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
  ) {}

  /** Runs the work in one transaction. On SQLite, transactions run one at a time (single connection). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction(work);
    return this.dialect === "sqlite" ? this.writeLock.run(run) : run();
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
