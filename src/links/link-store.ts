import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Database } from "../db/database";
import type { ReadCriteria } from "../db/entity-reader";
import { insertRows } from "../db/insert-rows";
import { SyncLink, LinkStatus, type LinkShadow } from "./sync-link.entity";
import { ParentLink } from "./parent-link.entity";

export interface NewSyncLink {
  crmModule: string;
  crmId: string;
  fsmModule: string;
  fsmId: string;
  shadow?: LinkShadow;
}

export interface NewParentLink {
  fsmModule: string;
  fsmId: string;
  parentModule: string;
  parentId: string;
  createdBy?: string | null;
}

/** The gateway's own records of which CRM record pairs with which FSM record, and which FSM record has which parent. */
export class LinkStore {
  constructor(private readonly db: Database) {}

  async syncLinksByCrmIds(crmModule: string, crmIds: readonly string[], manager?: EntityManager): Promise<SyncLink[]> {
    return this.db.reader.findIn(SyncLink, { equals: { crmModule }, in: { property: "crmId", values: crmIds } }, undefined, manager && { manager });
  }

  async syncLinksByFsmIds(fsmModule: string, fsmIds: readonly string[], manager?: EntityManager): Promise<SyncLink[]> {
    return this.db.reader.findIn(SyncLink, { equals: { fsmModule }, in: { property: "fsmId", values: fsmIds } }, undefined, manager && { manager });
  }

  /** The link of one record, locked for the rest of the transaction on PostgreSQL (one sync per link at a time). */
  async lockSyncLink(manager: EntityManager, side: "CRM" | "FSM", module: string, id: string): Promise<SyncLink | null> {
    const criteria: ReadCriteria =
      side === "CRM"
        ? { equals: { crmModule: module }, in: { property: "crmId", values: [id] } }
        : { equals: { fsmModule: module }, in: { property: "fsmId", values: [id] } };
    const [link] = await this.db.reader.findIn(SyncLink, criteria, undefined, { manager, forUpdate: true });
    return link ?? null;
  }

  /** Writes back a link read in this transaction (an UPDATE by id: no read first, as `save` would do). */
  async saveSyncLink(manager: EntityManager, link: SyncLink): Promise<void> {
    const { id, ...columns } = link;
    await manager.update(SyncLink, { id }, { ...columns, modifiedTime: new Date() } as QueryDeepPartialEntity<SyncLink>);
  }

  async deleteParentLink(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ParentLink, { id });
  }

  async deleteSyncLink(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(SyncLink, { id });
  }

  async parentLinksByFsmIds(fsmModule: string, fsmIds: readonly string[], manager?: EntityManager): Promise<ParentLink[]> {
    return this.db.reader.findIn(ParentLink, { equals: { fsmModule }, in: { property: "fsmId", values: fsmIds } }, undefined, manager && { manager });
  }

  async parentLinksByParentIds(parentModule: string, parentIds: readonly string[]): Promise<ParentLink[]> {
    return this.db.reader.findIn(ParentLink, { equals: { parentModule }, in: { property: "parentId", values: parentIds } });
  }

  async createSyncLinks(links: NewSyncLink[], manager?: EntityManager): Promise<SyncLink[]> {
    const now = new Date();
    const rows = links.map((link) =>
      Object.assign(new SyncLink(), {
        shadow: {},
        ...link,
        id: randomUUID(),
        status: LinkStatus.ACTIVE,
        lastSyncTime: now,
        lastSyncStatus: "SYNCED",
        createdTime: now,
        modifiedTime: now,
      }),
    );
    await this.insertInChunks(SyncLink, rows, manager);
    return rows;
  }

  async createParentLinks(links: NewParentLink[], manager?: EntityManager): Promise<ParentLink[]> {
    const now = new Date();
    const rows = links.map((link) => Object.assign(new ParentLink(), { createdBy: null, ...link, id: randomUUID(), createdTime: now }));
    await this.insertInChunks(ParentLink, rows, manager);
    return rows;
  }

  private async insertInChunks<T extends SyncLink | ParentLink>(entity: new () => T, rows: T[], manager?: EntityManager) {
    const write = (m: EntityManager) => insertRows(m, entity, rows);
    await (manager ? write(manager) : this.db.transaction(write));
  }
}
