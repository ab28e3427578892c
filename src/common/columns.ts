import { Column, type ColumnOptions } from "typeorm";

/** Money and quantities: exact decimals in the database, numbers in JavaScript (pg returns decimals as strings). */
const decimalToNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

export function DecimalColumn(options: Pick<ColumnOptions, "nullable" | "default"> = {}) {
  return Column({ type: "decimal", precision: 14, scale: 2, transformer: decimalToNumber, ...options });
}

/** `type: Date` is the one spelling TypeORM maps on both dialects (datetime on SQLite, timestamp on PostgreSQL). */
export function TimestampColumn(options: Pick<ColumnOptions, "nullable"> = {}) {
  return Column({ type: Date, ...options });
}

export function TextColumn(options: Pick<ColumnOptions, "nullable" | "default" | "length"> = {}) {
  return Column({ type: "varchar", length: 255, nullable: true, ...options });
}

export function IdColumn(options: Pick<ColumnOptions, "nullable"> = {}) {
  return Column({ type: "varchar", length: 36, nullable: true, ...options });
}

/** Calendar dates (no time of day) travel as ISO strings, YYYY-MM-DD, on both dialects. */
export function DateColumn() {
  return Column({ type: "date", nullable: true });
}
