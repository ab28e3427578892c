import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { OrgSettings } from "../../src/org/org-settings.entity";
import { Edition, InstallMode } from "../../src/org/install-state";
import { DuplicateMode, InitialSyncJob } from "../../src/sync/initial/initial-sync-job.entity";
import { BadUserInputError } from "../../src/errors/app-error";

@ObjectType()
export class IntegrationStarted {
  @Field(() => OrgSettings) org!: OrgSettings;
  @Field(() => InitialSyncJob) initialSync!: InitialSyncJob;
}

function baseUrl(field: string, value: string | null): string | null {
  if (value === null || value === "") return null;
  if (!/^https?:\/\/[^\s/]+/.test(value)) throw new BadUserInputError(field, `${field}: must be an http(s) URL`);
  return value.replace(/\/+$/, "");
}

/** The organisation: editions, finance suite, installing and integrating, deep links. Admin only. */
@Authorized(Permission.Admin)
@Resolver()
export class OrgSettingsResolver {
  @Query(() => OrgSettings, { description: "The integration's status (installed, integrated, paused and why) and settings." })
  orgSettings(@Ctx() { services }: Context) {
    return services.org.get();
  }

  @Mutation(() => OrgSettings, { description: "Marks the CRM as integrated with a finance suite (direct sync off) or clears it." })
  setFinanceSuiteIntegration(@Arg("integrated", () => Boolean) integrated: boolean, @Ctx() { services, viewer }: Context) {
    return services.org.setFinanceSuiteIntegrated(integrated, requireViewer(viewer).user.id);
  }

  @Mutation(() => OrgSettings, { description: "Installs the extension for admins only, all users, or chosen profiles; checks the prerequisites." })
  installIntegration(
    @Arg("mode", () => InstallMode) mode: InstallMode,
    @Arg("profiles", () => [String], { nullable: true }) profiles: string[] | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.integration.install(mode, profiles, requireViewer(viewer).user.id);
  }

  @Mutation(() => IntegrationStarted, { description: "Checks prerequisites and mappings, switches sync on and starts the initial sync." })
  async integrate(@Arg("duplicateMode", () => DuplicateMode) duplicateMode: DuplicateMode, @Ctx() { services, viewer }: Context) {
    const { org, job } = await services.integration.integrate(duplicateMode, requireViewer(viewer).user.id);
    return Object.assign(new IntegrationStarted(), { org, initialSync: job });
  }

  @Mutation(() => OrgSettings)
  changeInstallScope(
    @Arg("mode", () => InstallMode) mode: InstallMode,
    @Arg("profiles", () => [String], { nullable: true }) profiles: string[] | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.integration.changeScope(mode, profiles, requireViewer(viewer).user.id);
  }

  @Mutation(() => OrgSettings, { description: "Stops sync and hides FSM data from users; the sync history stays." })
  uninstallIntegration(@Ctx() { services, viewer }: Context) {
    return services.integration.uninstall(requireViewer(viewer).user.id);
  }

  @Mutation(() => OrgSettings, { description: "Records the CRM and FSM editions; a Free edition pauses a running integration." })
  setEditions(
    @Arg("crmEdition", () => Edition) crmEdition: Edition,
    @Arg("fsmEdition", () => Edition) fsmEdition: Edition,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.integration.setEditions(crmEdition, fsmEdition, requireViewer(viewer).user.id);
  }

  @Mutation(() => OrgSettings, { description: "Base URLs of the CRM and FSM web apps for deep links; null goes back to the configured default." })
  setDeepLinkBaseUrls(
    @Arg("crmBaseUrl", () => String, { nullable: true }) crmBaseUrl: string | null,
    @Arg("fsmBaseUrl", () => String, { nullable: true }) fsmBaseUrl: string | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.org.update(
      { crmBaseUrl: baseUrl("crmBaseUrl", crmBaseUrl), fsmBaseUrl: baseUrl("fsmBaseUrl", fsmBaseUrl) },
      requireViewer(viewer).user.id,
      "org:deepLinks",
    );
  }
}
