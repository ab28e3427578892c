import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { FieldDefinition, SystemName } from "../../src/fields/field-definition.entity";
import { CustomFieldInput } from "./custom-field.input";

@Authorized()
@Resolver(() => FieldDefinition)
export class FieldCatalogueResolver {
  @Query(() => [FieldDefinition], { description: "Field metadata: type, mandatory flag, personal-data class; standard and custom." })
  fields(
    @Arg("system", () => SystemName, { nullable: true }) system: SystemName | null,
    @Arg("module", () => String, { nullable: true }) module: string | null,
    @Ctx() { services }: Context,
  ): Promise<FieldDefinition[]> {
    return services.fields.list(system, module);
  }

  @Authorized(Permission.Admin)
  @Mutation(() => FieldDefinition, { description: "Adds an admin-defined field to a module." })
  defineCustomField(@Arg("input", () => CustomFieldInput) input: CustomFieldInput, @Ctx() { services }: Context) {
    return services.fields.defineCustomField({ ...input, picklistValues: input.picklistValues ?? null, lookupModule: input.lookupModule ?? null });
  }
}
