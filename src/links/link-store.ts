import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import type { Database } from "../db/database";
import { chunk } from "../common/chunk";
import { insertRows } from "../db/insert-rows";
import { SyncLink, LinkStatus } from "./sync-link.entity";
import { ParentLink } from "./parent-link.entity";

export interface NewSyncLink {
  crmModule: string;
  crmId: string;
  fsmModule: string;
  fsmId: string;
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

  async syncLinksByCrmIds(crmModule: string, crmIds: readonly string[]): Promise<SyncLink[]> {
    return this.findInChunks(SyncLink, crmIds, (ids) => ({ crmModule, crmId: In(ids) }));
  }

  async syncLinksByFsmIds(fsmModule: string, fsmIds: readonly string[]): Promise<SyncLink[]> {
    return this.findInChunks(SyncLink, fsmIds, (ids) => ({ fsmModule, fsmId: In(ids) }));
  }

  async parentLinksByFsmIds(fsmModule: string, fsmIds: readonly string[]): Promise<ParentLink[]> {
    return this.findInChunks(ParentLink, fsmIds, (ids) => ({ fsmModule, fsmId: In(ids) }));
  }

  async parentLinksByParentIds(parentModule: string, parentIds: readonly string[]): Promise<ParentLink[]> {
    return this.findInChunks(ParentLink, parentIds, (ids) => ({ parentModule, parentId: In(ids) }));
  }

  async createSyncLinks(links: NewSyncLink[], manager?: EntityManager): Promise<SyncLink[]> {
    const now = new Date();
    const rows = links.map((link) =>
      Object.assign(new SyncLink(), {
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
    const rows = links.map((link) =>
      Object.assign(new ParentLink(), { createdBy: null, ...link, id: randomUUID(), createdTime: now }),
    );
    await this.insertInChunks(ParentLink, rows, manager);
    return rows;
  }

  private async findInChunks<T extends SyncLink | ParentLink>(
    entity: new () => T,
    keys: readonly string[],
    where: (ids: string[]) => object,
  ): Promise<T[]> {
    const found: T[] = [];
    for (const ids of chunk([...new Set(keys)], 500)) {
      found.push(...(await this.db.manager.findBy(entity, where(ids))));
    }
    return found;
  }

  private async insertInChunks<T extends SyncLink | ParentLink>(entity: new () => T, rows: T[], manager?: EntityManager) {
    const write = (m: EntityManager) => insertRows(m, entity, rows);
    await (manager ? write(manager) : this.db.transaction(write));
  }
}
