import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { OrgSettings } from "../../src/org/org-settings.entity";

@Authorized(Permission.Admin)
@Resolver()
export class OrgSettingsResolver {
  @Query(() => OrgSettings) orgSettings(@Ctx() { services }: Context) {
    return services.org.get();
  }

  @Mutation(() => OrgSettings, { description: "Marks the CRM as integrated with a finance suite (direct sync off) or clears it." })
  setFinanceSuiteIntegration(@Arg("integrated", () => Boolean) integrated: boolean, @Ctx() { services, viewer }: Context) {
    return services.org.setFinanceSuiteIntegrated(integrated, viewer!.user.id);
  }
}
