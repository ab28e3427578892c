import type { EntityManager } from "typeorm";
import { NotFoundError } from "../../errors/app-error";
import { checkExpectedVersion } from "../../common/expected-version";
import { FSM_MODULES } from "../../modules/module-registry";
import { asAnyStore, type AnyRecord } from "../../common/any-record-store";
import type { FsmStore } from "../fsm-store";
import type { EditableFsmModule } from "../../workflow/fsm-lifecycles";

/**
 * The record as this transaction holds it, locked until it ends, provided it is still the version the client
 * read: a stale `expectedVersion` is refused with CONFLICT naming the current version, before anything is written.
 */
export async function lockedAtVersion(
  fsm: FsmStore,
  m: EntityManager,
  module: EditableFsmModule,
  id: string,
  expectedVersion: number | null,
): Promise<AnyRecord> {
  const [record] = await asAnyStore(fsm).getMany(module, [id], m, { forUpdate: true });
  const label = FSM_MODULES[module].label;
  if (!record) throw new NotFoundError(label, id);
  if (expectedVersion !== null) checkExpectedVersion(record, expectedVersion, label);
  return record;
}
