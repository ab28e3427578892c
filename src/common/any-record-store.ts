import type { RecordBase } from "./record-base";
import type { RecordStore } from "./record-store";

/** A record of a module known only at run time: the system fields, and the rest by property name. */
export type AnyRecord = RecordBase & Record<string, unknown>;

/**
 * A store seen by code that handles any module (the sync engine, the synced writer, input checks, the generic
 * list queries): modules are plain strings, values and records plain objects. The store itself still refuses a
 * module it does not have, and checks the values it is given.
 */
export type AnyRecordStore = RecordStore<Record<string, AnyRecord>>;

/**
 * The one way to see a typed store as an `AnyRecordStore`. The cast is sound at run time (every store takes its
 * module by name and its values as an object) but not to the compiler: a method generic over the store's module
 * names cannot accept any string.
 */
export function asAnyStore<Records extends { [module: string]: RecordBase }>(store: RecordStore<Records>): AnyRecordStore {
  return store as unknown as AnyRecordStore;
}
