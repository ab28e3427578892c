import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { SettingsChange } from "./settings-change.entity";

/** Records a configuration change inside the transaction that makes it. */
export async function recordSettingsChange(manager: EntityManager, subject: string, before: object, after: object, userId: string): Promise<void> {
  const change = Object.assign(new SettingsChange(), { id: randomUUID(), subject, before: { ...before }, after: { ...after }, userId, time: new Date() });
  await manager.save(change);
}
