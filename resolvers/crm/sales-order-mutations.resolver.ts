import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { requireViewer } from "../../src/access/viewer";
import { SalesOrder } from "../../src/crm/entities/sales-order.entity";
import { definedOnly } from "../common/defined-only";
import { CreateSalesOrderInput, SalesOrderLineInput, UpdateSalesOrderInput } from "./sales-order-write-inputs";

const lines = (items: SalesOrderLineInput[] | undefined) => items?.map((item) => ({ ...definedOnly(item), quantity: item.quantity }));

/** Sales Orders written from the CRM side: any signed-in user, as for the other CRM writes (no FSM permission). */
@Authorized()
@Resolver()
export class SalesOrderMutationsResolver {
  @Mutation(() => SalesOrder, { description: "Totals are computed from the lines, exactly." })
  createSalesOrder(@Arg("input", () => CreateSalesOrderInput) input: CreateSalesOrderInput, @Ctx() { services, viewer }: Context) {
    return services.salesOrders.create(
      { ...definedOnly(input), subject: input.subject, lineItems: lines(input.lineItems) },
      { userId: requireViewer(viewer).user.id },
    );
  }

  @Mutation(() => SalesOrder, {
    description: "Partial; lineItems, when given, replace the lines and the totals are recomputed. CONFLICT when the version is no longer expectedVersion.",
  })
  updateSalesOrder(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateSalesOrderInput) input: UpdateSalesOrderInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.salesOrders.update(
      id,
      expectedVersion,
      { ...definedOnly(input), lineItems: lines(input.lineItems) },
      { userId: requireViewer(viewer).user.id },
    );
  }

  @Mutation(() => ID, { description: "Deletes the order and its lines; refused with PARENT_OF_FSM_RECORDS while FSM records belong to it." })
  deleteSalesOrder(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.salesOrders.delete(id, expectedVersion ?? null, { userId: requireViewer(viewer).user.id });
  }
}
