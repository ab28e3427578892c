import type { Logger } from "pino";
import type { Database } from "../../db/database";
import { FieldDefinition, type PersonalDataClass, type SystemName } from "../../fields/field-definition.entity";
import type { FieldCatalogue } from "../../fields/field-catalogue";
import { BadUserInputError } from "../../errors/app-error";
import { sideOfSystem, moduleOn } from "../../common/side";
import { PAIR_MODULES } from "../../modules/module-registry";
import type { FieldMappingService } from "../mapping/field-mapping-service";
import { recordSettingsChange } from "../settings/settings-audit";
import { currentlyFlowingSides, enqueueResync } from "../outbox/resync";
import type { SyncPair } from "../sync-pair";
import type { PersonalDataPolicy } from "./personal-data-policy";

export interface PersonalDataClassesDeps {
  db: Database;
  fields: FieldCatalogue;
  mappings: FieldMappingService;
  privacy: PersonalDataPolicy;
  logger: Logger;
}

/**
 * The admin's personal-data class of any field, standard or custom, on either side (domain.md §6): the vendor's
 * defaults are only where it starts. Syncs, prefills and logs read the class when they run, so a change holds
 * from the next one.
 */
export class PersonalDataClasses {
  constructor(private readonly deps: PersonalDataClassesDeps) {}

  async set(system: SystemName, module: string, apiName: string, personalData: PersonalDataClass, userId: string): Promise<FieldDefinition> {
    const modules = this.deps.fields.modulesOf(system);
    if (!modules.includes(module)) throw new BadUserInputError("module", `module: "${module}" is not a ${system} module (one of ${modules.join(", ")})`);
    const field = (await this.deps.fields.definitionsOf(system, module)).find((f) => f.apiName === apiName);
    if (!field) throw new BadUserInputError("field", `field: ${system} ${module} has no field "${apiName}"`);
    const from = field.personalData;
    if (from === personalData) return field;

    const updated = await this.deps.db.transaction(async (m) => {
      await m.update(FieldDefinition, { id: field.id }, { personalData });
      await recordSettingsChange(m, `personalDataClass:${system}:${module}:${apiName}`, { personalData: from }, { personalData }, userId);
      // A field that may leave its system now may hold values that never crossed.
      const restrictions = await this.deps.privacy.restrictions(system, module, m);
      if (restrictions[from] && !restrictions[personalData]) {
        const side = sideOfSystem(system);
        for (const [pair, pairModules] of Object.entries(PAIR_MODULES) as [SyncPair, (typeof PAIR_MODULES)[SyncPair]][]) {
          if (moduleOn(side, pairModules) !== module) continue;
          if ((await currentlyFlowingSides(m, pair)).includes(side)) await enqueueResync(m, pair, [side]);
        }
      }
      return Object.assign(new FieldDefinition(), field, { personalData });
    });
    // The catalogue and the resolved mappings hold the definitions syncs read: refresh both.
    await this.deps.fields.reload();
    await this.deps.mappings.warm();
    // Names only: the class says nothing about any record's values.
    this.deps.logger.info({ system, module, field: apiName, from, to: personalData, userId }, "personal-data class changed");
    return updated;
  }
}
