import { Authorized, Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../src/http/context";
import type { RecordBase } from "../../src/common/record-base";
import type { FsmRecords } from "../../src/modules/module-registry";
import { Permission } from "../../src/access/viewer";
import { Request } from "../../src/fsm/entities/request.entity";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { ServiceAppointment } from "../../src/fsm/entities/service-appointment.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";

type ListModule = "Requests" | "Estimates" | "Work_Orders" | "Assets";

/**
 * How a record finds its FSM related lists: a CRM Account or Contact through its synced counterpart,
 * an FSM Company or Contact directly. Either way: Requests, Estimates, Work Orders, Service Appointments, Assets.
 */
export type FsmListSource = { kind: "crm"; crmModule: "Accounts" | "Contacts" } | { kind: "fsm"; field: "companyId" | "contactId" };

export function FsmRelatedListsResolver<T extends RecordBase>(type: ClassType<T>, source: FsmListSource) {
  const list = <M extends ListModule>(ctx: Context, id: string, module: M): Promise<FsmRecords[M][]> =>
    source.kind === "crm" ? ctx.graph.fsmRecordsOf(source.crmModule, id, module) : ctx.graph.fsmRecordsByField(module, source.field, id);

  @Authorized(Permission.FsmAccess)
  @Resolver(() => type)
  class FsmListsResolver {
    @FieldResolver(() => [Request]) requests(@Root() r: T, @Ctx() ctx: Context) {
      return list(ctx, r.id, "Requests");
    }
    @FieldResolver(() => [Estimate]) estimates(@Root() r: T, @Ctx() ctx: Context) {
      return list(ctx, r.id, "Estimates");
    }
    @FieldResolver(() => [WorkOrder]) workOrders(@Root() r: T, @Ctx() ctx: Context) {
      return list(ctx, r.id, "Work_Orders");
    }
    @FieldResolver(() => [Asset]) assets(@Root() r: T, @Ctx() ctx: Context) {
      return list(ctx, r.id, "Assets");
    }
    @FieldResolver(() => [ServiceAppointment]) async serviceAppointments(@Root() r: T, @Ctx() ctx: Context) {
      const workOrders = await list(ctx, r.id, "Work_Orders");
      return ctx.graph.serviceAppointmentsOfWorkOrders(workOrders.map((w) => w.id));
    }
  }
  Object.defineProperty(FsmListsResolver, "name", { value: `${type.name}FsmListsResolver` });
  return FsmListsResolver;
}
