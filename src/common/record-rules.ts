import type { EntityManager } from "typeorm";

/** Checks a record before a store writes it; throws RecordRejectedError. */
export interface RecordRules {
  /** `changed`: the fields an update sets (a uniqueness rule neither of whose fields changed still holds); all on create. */
  check(module: string, record: object, manager: EntityManager, entity: Function, changed?: ReadonlySet<string>): Promise<void>;
}
