import type { DataSource } from "typeorm";

export type Dialect = "sqlite" | "postgres";

/** The data source and its dialect: what the database's helpers read, below the Database that owns them. */
export interface DatabaseConnection {
  readonly dataSource: DataSource;
  readonly dialect: Dialect;
}
