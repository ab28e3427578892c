import type { LinkStore } from "../../links/link-store";
import { AppError } from "../../errors/app-error";
import { ErrorCode } from "../../errors/error-code";

/**
 * A Deal or Sales Order that FSM records belong to is not deleted: the FSM records would be left pointing at
 * nothing, and which of them to free is the user's choice. The refusal names every child, so the user can unlink
 * them (unlinkFromParent) and delete again.
 */
export async function refuseParentOfFsmRecords(links: Pick<LinkStore, "parentLinksByParentIds">, module: "Deals" | "Sales_Orders", id: string, label: string) {
  const children = await links.parentLinksByParentIds(module, [id]);
  if (!children.length) return;
  const named = children.map((c) => `${c.fsmModule} "${c.fsmId}"`).join(", ");
  throw new AppError(
    ErrorCode.ParentOfFsmRecords,
    `${label} "${id}" cannot be deleted: FSM records belong to it (${named}); unlink them first (unlinkFromParent)`,
    "id",
    { children: children.map((c) => ({ module: c.fsmModule, id: c.fsmId })) },
  );
}
