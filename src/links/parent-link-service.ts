import type { Database } from "../db/database";
import type { CrmStore } from "../crm/crm-store";
import type { FsmStore } from "../fsm/fsm-store";
import type { Timeline } from "../timeline/timeline";
import type { LinkStore } from "./link-store";
import type { Actor } from "../common/record-store";
import { AppError, ConflictError, NotFoundError } from "../errors/app-error";
import { ErrorCode } from "../errors/error-code";
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

export interface LinkOptions {
  /** The caller confirmed that the parent belongs to another customer (Account not synced with the record's Company). */
  allowOtherCustomer?: boolean;
}

/** A record a user may link, marked with the parent it already has (a second one would be refused). */
export interface LinkableRecord {
  module: LinkableModule;
  id: string;
  summary: string;
  status: string;
  companyId: string | null;
  parentModule: string | null;
  parentId: string | null;
}

/** Links an existing Request, Estimate or Work Order to exactly one Deal or Sales Order, and unlinks it. */
export class ParentLinkService {
  constructor(private readonly deps: ParentLinkDeps) {}

  async link(
    fsmModule: LinkableModule,
    fsmId: string,
    parentModule: ParentModule,
    parentId: string,
    actor: Actor,
    options: LinkOptions = {},
  ): Promise<ParentLink> {
    const { db, crm, fsm, links, timeline } = this.deps;
    const [record] = await fsm.getMany(fsmModule, [fsmId]);
    if (!record) throw new NotFoundError(`FSM ${LABEL[fsmModule]}`, fsmId);
    const [parent] = await crm.getMany(parentModule, [parentId]);
    if (!parent) throw new NotFoundError(`CRM ${LABEL[parentModule]}`, parentId);
    const otherCustomer = await this.isOtherCustomer(record.companyId ?? null, parent.accountId ?? null);
    if (otherCustomer && !options.allowOtherCustomer) {
      throw new AppError(
        ErrorCode.CrossCustomerLink,
        `parentId: ${LABEL[parentModule]} "${this.name(parent)}" belongs to another customer than ${LABEL[fsmModule]} "${fsmId}" (its Account is not synced with the record's Company); pass allowOtherCustomer: true to link it anyway`,
        "parentId",
        { companyId: record.companyId, accountId: parent.accountId },
      );
    }
    const confirmation = otherCustomer ? "; another customer's, confirmed by the user" : "";
    return db.transaction(async (m) => {
      const [current] = await links.parentLinksByFsmIds(fsmModule, [fsmId], m);
      if (current) await this.refuseSecondParent(fsmModule, fsmId, current);
      try {
        const [created] = await links.createParentLinks([{ fsmModule, fsmId, parentModule, parentId, createdBy: actor.userId }], m);
        await timeline.add(m, fsmModule, fsmId, "LINKED_TO", `Linked to CRM ${LABEL[parentModule]} "${this.name(parent)}" (${parentId})${confirmation}`);
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
    const { db, crm, links, timeline } = this.deps;
    return db.transaction(async (m) => {
      const [current] = await links.parentLinksByFsmIds(fsmModule, [fsmId], m);
      if (!current) throw new NotFoundError(`Deal or Sales Order link of ${LABEL[fsmModule]}`, fsmId);
      await links.deleteParentLink(m, current.id);
      const [parent] = await crm.getMany(current.parentModule as ParentModule, [current.parentId]);
      const named = parent ? `"${this.name(parent)}" ` : "";
      await timeline.add(m, fsmModule, fsmId, "UNLINKED_FROM", `Unlinked from CRM ${LABEL[current.parentModule]} ${named}(${current.parentId})`);
      return current;
    });
  }

  /** Records to link, newest first, each marked with the parent it already has: the user sees which are taken. */
  async linkable(module: LinkableModule, search: string | null, companyId: string | null, first: number): Promise<LinkableRecord[]> {
    const { fsm, links } = this.deps;
    const page = await fsm.list(
      module,
      {
        textSearch: search ? { fields: ["summary"], text: search.slice(0, 200) } : undefined,
        equals: companyId ? { companyId } : {},
      },
      { first: Math.min(Math.max(first, 1), 100), direction: "DESC" },
    );
    const parents = new Map(
      (
        await links.parentLinksByFsmIds(
          module,
          page.records.map((r) => r.id),
        )
      ).map((l) => [l.fsmId, l]),
    );
    return page.records.map((r) => ({
      module,
      id: r.id,
      summary: r.summary,
      status: r.status,
      companyId: r.companyId,
      parentModule: parents.get(r.id)?.parentModule ?? null,
      parentId: parents.get(r.id)?.parentId ?? null,
    }));
  }

  /** Another customer: the record's Company is not the one the parent's Account syncs with. Unknown on either side is no refusal. */
  private async isOtherCustomer(companyId: string | null, accountId: string | null): Promise<boolean> {
    if (!companyId || !accountId) return false;
    const [link] = await this.deps.links.syncLinksByCrmIds("Accounts", [accountId]);
    return link?.fsmId !== companyId;
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
