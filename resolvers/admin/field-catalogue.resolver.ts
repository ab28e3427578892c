import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { FieldDefinition, PersonalDataClass, SystemName } from "../../src/fields/field-definition.entity";
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

  @Authorized(Permission.Admin)
  @Mutation(() => FieldDefinition, {
    description: "Classes any field, standard or custom, as not personal, Normal or Sensitive personal data; audited; syncs, prefills and logs follow it.",
  })
  setFieldPersonalDataClass(
    @Arg("system", () => SystemName) system: SystemName,
    @Arg("module", () => String) module: string,
    @Arg("field", () => String, { description: "The field's API name, e.g. Phone or a custom field's name." }) field: string,
    @Arg("personalData", () => PersonalDataClass) personalData: PersonalDataClass,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.personalDataClasses.set(system, module, field, personalData, requireViewer(viewer).user.id);
  }
}
