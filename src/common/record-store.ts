import type { EntityManager } from "typeorm";
import type { RecordBase, SystemFields } from "./record-base";

/**
 * The gateway transaction a call joins, so that a record and its outbox entry (or a sync's write and its link)
 * commit together. The embedded store runs in it; a remote connector cannot and ignores it.
 */
export type StoreTransaction = EntityManager;

/** Plain filters any backend can answer: exact matches, a case-insensitive text search, a modified-time window. */
export interface ListCriteria {
  equals?: Record<string, string | number | boolean | null>;
  textSearch?: { fields: string[]; text: string };
  modifiedAfter?: Date;
  modifiedBefore?: Date;
  createdBefore?: Date;
}

export type SortDirection = "ASC" | "DESC";

export interface PageRequest {
  first: number;
  after?: string | null;
  direction: SortDirection;
  /** Ordered by modified time (default), then id; by created time for walks that must not see a record twice. */
  orderBy?: "modifiedTime" | "createdTime";
}

export interface RecordPage<T> {
  records: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counted only when asked for: a count is a second query. */
  countTotal(): Promise<number>;
}

/** Who made a write, recorded as Created_By / Modified_By. */
/**
 * Which of a record's fields a read needs (by property; an embedded object's fields by the object's property). A
 * store may read only those, or everything.
 */
export interface ColumnFilter {
  /** Tells filters apart: a store may keep statements per entity and filter. */
  key: string;
  reads(property: string): boolean;
}

export interface ReadOptions {
  /** Inside `tx`: no other writer changes the records until `tx` ends. */
  forUpdate?: boolean;
  columns?: ColumnFilter;
}

export interface Actor {
  userId: string;
}

/** Embedded objects (addresses) may be given in part; the rest of the record's values are replaced whole. */
type FieldInput<V> = V extends Date ? V : V extends object ? Partial<V> : V;

export type RecordInput<T> = { [K in Exclude<keyof T, SystemFields>]?: FieldInput<T[K]> } & {
  customFields?: Record<string, unknown> | null;
};

/**
 * What the gateway needs from one system (CRM or FSM). The embedded store implements it on our database;
 * a remote connector can implement it over the vendor's REST API.
 */
export interface RecordStore<Records extends { [module: string]: RecordBase }> {
  list<M extends keyof Records & string>(module: M, criteria: ListCriteria, page: PageRequest): Promise<RecordPage<Records[M]>>;
  /**
   * Records with these ids, in any order; ids that do not exist are left out. `forUpdate` (inside `tx`): no other
   * writer changes them until `tx` ends, so a decision made on what was read still holds when it is written.
   */
  getMany<M extends keyof Records & string>(module: M, ids: readonly string[], tx?: StoreTransaction, options?: ReadOptions): Promise<Records[M][]>;
  /** Records whose reference field (e.g. accountId) holds one of the values. */
  findByReference<M extends keyof Records & string>(
    module: M,
    field: keyof Records[M] & string,
    values: readonly string[],
    tx?: StoreTransaction,
    options?: Pick<ReadOptions, "columns">,
  ): Promise<Records[M][]>;
  create<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>, actor: Actor, tx?: StoreTransaction): Promise<Records[M]>;
  createMany<M extends keyof Records & string>(module: M, values: RecordInput<Records[M]>[], actor: Actor, tx?: StoreTransaction): Promise<Records[M][]>;
  /** `current`: the record as `tx` read it with forUpdate, if it did; a store may then skip reading it again. */
  update<M extends keyof Records & string>(
    module: M,
    id: string,
    patch: RecordInput<Records[M]>,
    actor: Actor,
    tx?: StoreTransaction,
    current?: Records[M],
  ): Promise<Records[M]>;
  /** Not for line items: they change with their parent, through `replaceRows`. */
  delete<M extends keyof Records & string>(module: M, id: string, tx?: StoreTransaction): Promise<boolean>;
  /**
   * The line items (a subform module, e.g. Sales_Order_Line_Items) of one parent become exactly `rows`, in their
   * order; returns the new rows. A remote connector writes them as the parent's subform in one request.
   */
  replaceRows<M extends keyof Records & string>(
    module: M,
    parentId: string,
    rows: RecordInput<Records[M]>[],
    actor: Actor,
    tx?: StoreTransaction,
  ): Promise<Records[M][]>;
}
