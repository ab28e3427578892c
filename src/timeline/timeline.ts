import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import type { Database } from "../db/database";
import { TimelineEntry } from "./timeline-entry.entity";

/** The FSM record timeline. */
export class Timeline {
  constructor(private readonly db: Database) {}

  async add(manager: EntityManager, fsmModule: string, fsmId: string, kind: string, message: string): Promise<void> {
    await manager.insert(TimelineEntry, { id: randomUUID(), fsmModule, fsmId, kind, message: message.slice(0, 500), time: new Date() });
  }

  entriesFor(fsmModule: string, fsmIds: readonly string[]): Promise<TimelineEntry[]> {
    return this.db.manager.find(TimelineEntry, { where: { fsmModule, fsmId: In([...fsmIds]) }, order: { time: "DESC" } });
  }
}
