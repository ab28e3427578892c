import { BadUserInputError } from "../errors/app-error";
import { ErrorCode } from "../errors/error-code";
import { SystemName } from "../fields/field-definition.entity";
import { validateMappings } from "../sync/mapping/mapping-validation";
import { PAIR_MODULES } from "../modules/module-registry";
import type { DuplicateMode, InitialSyncJob } from "../sync/initial/initial-sync-job.entity";
import type { FieldCatalogue } from "../fields/field-catalogue";
import type { FieldMappingService } from "../sync/mapping/field-mapping-service";
import type { SyncSettingsService } from "../sync/settings/sync-settings-service";
import type { InitialSyncRunner } from "../sync/initial/initial-sync-runner";
import type { OrgSettings } from "./org-settings.entity";
import type { OrgSettingsService } from "./org-settings-service";
import { Edition, InstallMode, InstallState } from "./install-state";
import { PrerequisiteError } from "./prerequisite.error";

export interface IntegrationDeps {
  org: OrgSettingsService;
  mappings: FieldMappingService;
  syncSettings: SyncSettingsService;
  initialSync: InitialSyncRunner;
  fields: FieldCatalogue;
  /** Where chosen profile names are checked. */
  profiles: { existingProfiles(): Promise<string[]> };
}

/** Install, integrate, change who gets it, uninstall; and what edition changes do to a running integration. */
export class IntegrationService {
  constructor(private readonly deps: IntegrationDeps) {}

  async install(mode: InstallMode, profiles: string[] | null, userId: string): Promise<OrgSettings> {
    const org = await this.deps.org.get();
    if (org.installState !== InstallState.NOT_INSTALLED && org.installState !== InstallState.UNINSTALLED) {
      throw new PrerequisiteError(ErrorCode.AlreadyInstalled, "The integration is already installed; change who gets it with changeInstallScope");
    }
    this.checkEditionsAndFinance(org);
    return this.deps.org.update(
      { installState: InstallState.INSTALLED, installMode: mode, installProfiles: await this.profiles(mode, profiles), statusReason: null },
      userId,
      "org:install",
    );
  }

  /** Checks the prerequisites and the field mappings, switches sync on and starts the initial sync. */
  async integrate(duplicateMode: DuplicateMode, userId: string): Promise<{ org: OrgSettings; job: InitialSyncJob }> {
    const org = await this.deps.org.get();
    if (org.installState === InstallState.INTEGRATED || org.installState === InstallState.PAUSED) {
      throw new PrerequisiteError(
        ErrorCode.AlreadyInstalled,
        `The integration is already integrated (${org.installState}); start another initial sync with startInitialSync`,
      );
    }
    if (org.installState !== InstallState.INSTALLED) {
      throw new PrerequisiteError(ErrorCode.NotInstalled, `Install the integration before integrating it; it is ${org.installState}`);
    }
    this.checkEditionsAndFinance(org);
    await this.checkMappings();
    const updated = await this.deps.org.update({ installState: InstallState.INTEGRATED, statusReason: null }, userId, "org:integrate");
    return { org: updated, job: await this.deps.initialSync.start(duplicateMode, userId) };
  }

  async changeScope(mode: InstallMode, profiles: string[] | null, userId: string): Promise<OrgSettings> {
    return this.deps.org.update({ installMode: mode, installProfiles: await this.profiles(mode, profiles) }, userId, "org:installScope");
  }

  /** Stops sync and takes FSM data away from users; the history and the links stay. */
  async uninstall(userId: string): Promise<OrgSettings> {
    const org = await this.deps.org.get();
    if (org.installState === InstallState.NOT_INSTALLED || org.installState === InstallState.UNINSTALLED) {
      throw new PrerequisiteError(ErrorCode.NotInstalled, "The integration is not installed");
    }
    return this.deps.org.update({ installState: InstallState.UNINSTALLED, statusReason: null }, userId, "org:uninstall");
  }

  /** A Free edition on either side pauses a running integration; upgrading again resumes it. */
  async setEditions(crmEdition: Edition, fsmEdition: Edition, userId: string): Promise<OrgSettings> {
    const org = await this.deps.org.get();
    const free = crmEdition === Edition.FREE ? "CRM" : fsmEdition === Edition.FREE ? "FSM" : null;
    const patch: Partial<OrgSettings> = { crmEdition, fsmEdition };
    if (free && org.installState === InstallState.INTEGRATED) {
      Object.assign(patch, {
        installState: InstallState.PAUSED,
        statusReason: `The ${free} edition is Free: the integration is paused until it is Standard or above again`,
      });
    } else if (!free && org.installState === InstallState.PAUSED) {
      Object.assign(patch, { installState: InstallState.INTEGRATED, statusReason: null });
    }
    return this.deps.org.update(patch, userId, "org:editions");
  }

  private checkEditionsAndFinance(org: OrgSettings): void {
    if (org.crmEdition === Edition.FREE)
      throw new PrerequisiteError(ErrorCode.CrmEditionNotSupported, "The CRM is on the Free edition: upgrade it to Standard or above, then install again");
    if (org.fsmEdition === Edition.FREE)
      throw new PrerequisiteError(ErrorCode.FsmEditionNotSupported, "The FSM is on the Free edition: upgrade it to Standard or above, then install again");
    if (org.financeSuiteIntegrated)
      throw new PrerequisiteError(
        ErrorCode.FinanceSuiteIntegrated,
        "The CRM is integrated with a finance suite, so direct sync is not available: remove that integration first",
      );
  }

  private async checkMappings(): Promise<void> {
    for (const settings of await this.deps.syncSettings.list()) {
      if (!settings.enabled) continue;
      const { crmModule, fsmModule } = PAIR_MODULES[settings.pair];
      const mappings = await this.deps.mappings.list(settings.pair);
      try {
        validateMappings(
          mappings,
          await this.deps.fields.definitionsOf(SystemName.CRM, crmModule),
          await this.deps.fields.definitionsOf(SystemName.FSM, fsmModule),
        );
      } catch (error) {
        throw new PrerequisiteError(
          ErrorCode.MappingsIncomplete,
          `Field mappings of ${settings.pair} are not complete: ${(error as Error).message}`,
          "mappings",
        );
      }
    }
  }

  /** The chosen profiles, each one that exists (any case; stored as the profile is spelled), or a refusal naming the unknown ones. */
  private async profiles(mode: InstallMode, profiles: string[] | null): Promise<string[] | null> {
    if (mode !== InstallMode.CHOSEN_PROFILES) return null;
    const named = [...new Set((profiles ?? []).map((p) => p.trim()).filter(Boolean))];
    if (!named.length) throw new BadUserInputError("profiles", "profiles: choose at least one profile for CHOSEN_PROFILES");
    const existing = await this.deps.profiles.existingProfiles();
    const spelled = (name: string) => existing.find((p) => p.toLowerCase() === name.toLowerCase());
    const unknown = named.filter((name) => !spelled(name));
    if (unknown.length) {
      throw new BadUserInputError(
        "profiles",
        `profiles: no such profile: ${unknown.map((p) => `"${p.slice(0, 64)}"`).join(", ")} (existing: ${existing.join(", ")})`,
        {
          unknownProfiles: unknown,
        },
      );
    }
    return [...new Set(named.map((name) => spelled(name) ?? name))];
  }
}
