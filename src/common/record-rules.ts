import type { EntityManager } from "typeorm";

/** Checks a record before a store writes it; throws RecordRejectedError. */
export interface RecordRules {
  check(module: string, record: object, manager: EntityManager, entity: Function): Promise<void>;
}
