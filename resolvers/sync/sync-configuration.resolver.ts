import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission, requireViewer } from "../../src/access/viewer";
import { SyncPair } from "../../src/sync/sync-pair";
import { SyncSettings } from "../../src/sync/settings/sync-settings.entity";
import { FieldMapping } from "../../src/sync/mapping/field-mapping.entity";
import { PersonalDataSetting } from "../../src/sync/privacy/personal-data-setting.entity";
import { SettingsChange } from "../../src/sync/settings/settings-change.entity";
import { SystemName } from "../../src/fields/field-definition.entity";
import { SyncSettingsInput } from "./sync-settings.input";
import { FieldMappingInput } from "./field-mapping.input";

/** Sync configuration: admin-only, every change audited. */
@Authorized(Permission.Admin)
@Resolver()
export class SyncConfigurationResolver {
  @Query(() => [SyncSettings]) syncSettings(@Ctx() { services }: Context) {
    return services.syncSettings.list();
  }

  @Mutation(() => SyncSettings)
  updateSyncSettings(
    @Arg("pair", () => SyncPair) pair: SyncPair,
    @Arg("input", () => SyncSettingsInput) input: SyncSettingsInput,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.syncSettings.update(pair, { ...input }, requireViewer(viewer).user.id);
  }

  @Query(() => [FieldMapping]) fieldMappings(@Arg("pair", () => SyncPair) pair: SyncPair, @Ctx() { services }: Context) {
    return services.mappings.list(pair);
  }

  @Mutation(() => [FieldMapping], { description: "Replaces a pair's mappings after checking fields, types, picklists and mandatory fields." })
  replaceFieldMappings(
    @Arg("pair", () => SyncPair) pair: SyncPair,
    @Arg("mappings", () => [FieldMappingInput]) mappings: FieldMappingInput[],
    @Ctx() { services, viewer }: Context,
  ) {
    return services.mappings.replace(
      pair,
      mappings.map((m) => ({ ...m })),
      requireViewer(viewer).user.id,
    );
  }

  @Query(() => [PersonalDataSetting]) personalDataSettings(@Ctx() { services }: Context) {
    return services.privacy.list();
  }

  @Mutation(() => PersonalDataSetting, { description: "CRM: restrict transfer of Normal and/or Sensitive personal fields of a module to the FSM." })
  restrictCrmPersonalData(
    @Arg("module", () => String) module: string,
    @Arg("restrictNormal", () => Boolean) restrictNormal: boolean,
    @Arg("restrictSensitive", () => Boolean) restrictSensitive: boolean,
    @Ctx() { services, viewer }: Context,
  ) {
    return services.privacy.setCrmRestriction(
      module,
      restrictNormal,
      restrictSensitive,
      requireViewer(viewer).user.id,
      services.fields.modulesOf(SystemName.CRM),
    );
  }

  @Mutation(() => PersonalDataSetting, { description: "FSM: personal-data access through the API; off keeps every personal FSM field out of the CRM." })
  setFsmPersonalDataApiAccess(@Arg("enabled", () => Boolean) enabled: boolean, @Ctx() { services, viewer }: Context) {
    return services.privacy.setFsmApiAccess(enabled, requireViewer(viewer).user.id);
  }

  @Query(() => [SettingsChange], { description: "Configuration changes, newest first." })
  settingsChanges(@Arg("first", () => Int, { defaultValue: 50 }) first: number, @Ctx() { services }: Context) {
    return services.history.settingsChanges(Math.min(Math.max(first, 1), 200));
  }
}
