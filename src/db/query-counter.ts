import type { Logger, QueryRunner } from "typeorm";

/** A TypeORM logger that counts SQL statements (tests and benchmarks assert on it) and reports errors. */
export class QueryCounter implements Logger {
  count = 0;
  /** Called with every statement (tests look at what ran). */
  onQuery: ((sql: string) => void) | null = null;

  constructor(private readonly onError: (message: string, error: unknown) => void = () => undefined) {}

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.count += 1;
    this.onQuery?.(query);
  }
  logQueryError(error: string | Error, query: string): void {
    this.onError(`SQL failed: ${query.slice(0, 200)}`, error);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
