import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { ConversionMapping } from "../../src/conversion/conversion-mapping.entity";
import { ConversionSource, ConversionTarget } from "../../src/conversion/conversion-pairs";
import { ConversionFieldInput } from "./conversion-field.input";

/** Conversion field mappings: admin-only, validated on save, audited. */
@Authorized(Permission.Admin)
@Resolver()
export class ConversionMappingResolver {
  @Query(() => [ConversionMapping]) conversionMappings(@Ctx() { services }: Context) {
    return services.conversions.list();
  }

  @Mutation(() => ConversionMapping)
  replaceConversionMapping(
    @Arg("sourceModule", () => ConversionSource) sourceModule: ConversionSource,
    @Arg("targetModule", () => ConversionTarget) targetModule: ConversionTarget,
    @Arg("fields", () => [ConversionFieldInput]) fields: ConversionFieldInput[],
    @Ctx() { services, viewer }: Context,
  ) {
    const specs = fields.map((f) => ({ sourceField: f.sourceField ?? null, targetField: f.targetField, defaultValue: f.defaultValue ?? null }));
    return services.conversions.replace(sourceModule, targetModule, specs, requireViewer(viewer).user.id);
  }
}
