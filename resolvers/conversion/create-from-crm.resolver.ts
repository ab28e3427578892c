import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { definedOnly } from "../common/defined-only";
import { Permission, requireViewer } from "../../src/access/viewer";
import { ConversionSource, ConversionTarget } from "../../src/conversion/conversion-pairs";
import { Request } from "../../src/fsm/entities/request.entity";
import { Estimate } from "../../src/fsm/entities/estimate.entity";
import { WorkOrder } from "../../src/fsm/entities/work-order.entity";
import { Asset } from "../../src/fsm/entities/asset.entity";
import { AssetInput, EstimateInput, RequestInput, WorkOrderInput } from "../fsm/fsm-work-inputs";
import { ConversionPrefill } from "./conversion-prefill.type";

/** Create FSM records from CRM records: the prefilled form, and one mutation per FSM module. */
@Authorized(Permission.FsmAccess)
@Resolver()
export class CreateFromCrmResolver {
  @Query(() => ConversionPrefill, { description: "The create form prefilled from a CRM record: exactly what the create mutation starts from." })
  async conversionPrefill(
    @Arg("sourceModule", () => ConversionSource) sourceModule: ConversionSource,
    @Arg("sourceId", () => ID) sourceId: string,
    @Arg("targetModule", () => ConversionTarget) targetModule: ConversionTarget,
    @Ctx() { services }: Context,
  ): Promise<ConversionPrefill> {
    const p = await services.prefiller.prefill(sourceModule, sourceId, targetModule);
    return Object.assign(new ConversionPrefill(), {
      sourceModule,
      sourceId,
      targetModule,
      values: p.values,
      companyId: p.companyId,
      contactId: p.contactId,
      serviceAndPartId: p.serviceAndPartId,
      parentModule: p.parent?.module ?? null,
      parentId: p.parent?.id ?? null,
      lineItems: p.lineItems,
      syncsFirst: p.syncsFirst,
      skippedPersonalFields: p.skippedPersonalFields,
    });
  }

  @Mutation(() => Request)
  createRequestFromCrm(
    @Arg("sourceModule", () => ConversionSource) sourceModule: ConversionSource,
    @Arg("sourceId", () => ID) sourceId: string,
    @Arg("input", () => RequestInput, { nullable: true }) input: RequestInput | null,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.create(ctx, sourceModule, sourceId, ConversionTarget.Requests, input, idempotencyKey);
  }

  @Mutation(() => Estimate)
  createEstimateFromCrm(
    @Arg("sourceModule", () => ConversionSource) sourceModule: ConversionSource,
    @Arg("sourceId", () => ID) sourceId: string,
    @Arg("input", () => EstimateInput, { nullable: true }) input: EstimateInput | null,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.create(ctx, sourceModule, sourceId, ConversionTarget.Estimates, input, idempotencyKey);
  }

  @Mutation(() => WorkOrder)
  createWorkOrderFromCrm(
    @Arg("sourceModule", () => ConversionSource) sourceModule: ConversionSource,
    @Arg("sourceId", () => ID) sourceId: string,
    @Arg("input", () => WorkOrderInput, { nullable: true }) input: WorkOrderInput | null,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.create(ctx, sourceModule, sourceId, ConversionTarget.Work_Orders, input, idempotencyKey);
  }

  @Mutation(() => Asset)
  createAssetFromCrm(
    @Arg("sourceModule", () => ConversionSource) sourceModule: ConversionSource,
    @Arg("sourceId", () => ID) sourceId: string,
    @Arg("input", () => AssetInput, { nullable: true }) input: AssetInput | null,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.create(ctx, sourceModule, sourceId, ConversionTarget.Assets, input, idempotencyKey);
  }

  private create(ctx: Context, source: ConversionSource, sourceId: string, target: ConversionTarget, input: object | null, idempotencyKey: string | null) {
    return ctx.services.fsmFactory.createFromCrm({
      source,
      sourceId,
      target,
      input: definedOnly(input ?? {}),
      idempotencyKey,
      actor: { userId: requireViewer(ctx.viewer).user.id },
    });
  }
}
