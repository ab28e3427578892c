import type { Database } from "../db/database";
import type { CrmStore } from "../crm/crm-store";
import type { FsmStore } from "../fsm/fsm-store";
import type { Timeline } from "../timeline/timeline";
import type { LinkStore } from "./link-store";
import type { Actor } from "../common/record-store";
import { ConflictError, NotFoundError } from "../errors/app-error";
import type { ParentLink } from "./parent-link.entity";
import { CRM_MODULES, FSM_MODULES, labelsOf, type LinkableModule, type ParentModule } from "../modules/module-registry";

const LABEL: Record<string, string> = { ...labelsOf(FSM_MODULES), ...labelsOf(CRM_MODULES) };

export interface ParentLinkDeps {
  db: Database;
  crm: CrmStore;
  fsm: FsmStore;
  links: LinkStore;
  timeline: Timeline;
}

/** Links an existing Request, Estimate or Work Order to exactly one Deal or Sales Order, and unlinks it. */
export class ParentLinkService {
  constructor(private readonly deps: ParentLinkDeps) {}

  async link(fsmModule: LinkableModule, fsmId: string, parentModule: ParentModule, parentId: string, actor: Actor): Promise<ParentLink> {
    const { db, crm, fsm, links, timeline } = this.deps;
    const [record] = await fsm.getMany(fsmModule, [fsmId]);
    if (!record) throw new NotFoundError(`FSM ${LABEL[fsmModule]}`, fsmId);
    const [parent] = await crm.getMany(parentModule, [parentId]);
    if (!parent) throw new NotFoundError(`CRM ${LABEL[parentModule]}`, parentId);
    return db.transaction(async (m) => {
      const [current] = await links.parentLinksByFsmIds(fsmModule, [fsmId], m);
      if (current) await this.refuseSecondParent(fsmModule, fsmId, current);
      try {
        const [created] = await links.createParentLinks([{ fsmModule, fsmId, parentModule, parentId, createdBy: actor.userId }], m);
        await timeline.add(m, fsmModule, fsmId, "LINKED_TO", `Linked to CRM ${LABEL[parentModule]} "${this.name(parent)}" (${parentId})`);
        return created;
      } catch (error) {
        // Two links at once: the unique index lets one win; the other sees the winner.
        const [winner] = await links.parentLinksByFsmIds(fsmModule, [fsmId]);
        if (winner) await this.refuseSecondParent(fsmModule, fsmId, winner);
        throw error;
      }
    });
  }

  async unlink(fsmModule: LinkableModule, fsmId: string): Promise<ParentLink> {
    const { db, links, timeline } = this.deps;
    return db.transaction(async (m) => {
      const [current] = await links.parentLinksByFsmIds(fsmModule, [fsmId], m);
      if (!current) throw new NotFoundError(`Deal or Sales Order link of ${LABEL[fsmModule]}`, fsmId);
      await links.deleteParentLink(m, current.id);
      await timeline.add(m, fsmModule, fsmId, "UNLINKED_FROM", `Unlinked from CRM ${LABEL[current.parentModule]} (${current.parentId})`);
      return current;
    });
  }

  private async refuseSecondParent(fsmModule: string, fsmId: string, current: ParentLink): Promise<never> {
    const [parent] = await this.deps.crm.getMany(current.parentModule as ParentModule, [current.parentId]);
    throw new ConflictError(
      `${LABEL[fsmModule]} "${fsmId}" is already linked to ${LABEL[current.parentModule]} "${parent ? this.name(parent) : current.parentId}" (${current.parentId}); unlink it first`,
      "fsmId",
      { currentParentModule: current.parentModule, currentParentId: current.parentId },
    );
  }

  private name(record: object): string {
    const r = record as { dealName?: string; subject?: string };
    return r.dealName ?? r.subject ?? "";
  }
}
