import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import { PersonalDataClass, SystemName } from "../../fields/field-definition.entity";
import { BadUserInputError } from "../../errors/app-error";
import { recordSettingsChange } from "../settings/settings-audit";
import { PersonalDataSetting } from "./personal-data-setting.entity";
import { type SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import { currentlyFlowingSides, enqueueResync } from "../outbox/resync";
import { sideOfSystem } from "../../common/side";

/** The module of the FSM's one org-wide setting. */
export const FSM_ORG = "*";

export type Restrictions = Record<PersonalDataClass, boolean>;

/** Which classes of personal fields a setting (none: nothing restricted) keeps in its system. */
export function restrictionsOf(setting: Pick<PersonalDataSetting, "restrictNormal" | "restrictSensitive"> | null | undefined): Restrictions {
  return {
    [PersonalDataClass.NONE]: false,
    [PersonalDataClass.NORMAL]: setting?.restrictNormal ?? false,
    [PersonalDataClass.SENSITIVE]: setting?.restrictSensitive ?? false,
  };
}

/** Decides which personal fields may leave their system. Read on every sync; changed by admins. */
export class PersonalDataPolicy {
  constructor(private readonly db: Database) {}

  list(): Promise<PersonalDataSetting[]> {
    return this.db.manager.find(PersonalDataSetting, { order: { system: "ASC", module: "ASC" } });
  }

  /** Which classes of personal fields must not leave `system` (for the CRM, from this module): one read. */
  async restrictions(system: SystemName, module: string, manager: EntityManager = this.db.manager): Promise<Restrictions> {
    return restrictionsOf(await manager.findOneBy(PersonalDataSetting, { system, module: system === SystemName.FSM ? FSM_ORG : module }));
  }

  /** True when a field of this class must not leave `system` (for the CRM, from this module). */
  async isRestricted(system: SystemName, module: string, personalData: PersonalDataClass, manager: EntityManager = this.db.manager): Promise<boolean> {
    return (await this.restrictions(system, module, manager))[personalData];
  }

  async setCrmRestriction(module: string, restrictNormal: boolean, restrictSensitive: boolean, userId: string, modules: string[]) {
    if (!modules.includes(module)) throw new BadUserInputError("module", `module: "${module}" is not a CRM module (one of ${modules.join(", ")})`);
    return this.save(SystemName.CRM, module, restrictNormal, restrictSensitive, userId);
  }

  /** FSM's switch is all or nothing: without API access to personal data, no personal field leaves the FSM. */
  setFsmApiAccess(enabled: boolean, userId: string) {
    return this.save(SystemName.FSM, FSM_ORG, !enabled, !enabled, userId);
  }

  private save(system: SystemName, module: string, restrictNormal: boolean, restrictSensitive: boolean, userId: string) {
    return this.db.transaction(async (m) => {
      const before = (await m.findOneBy(PersonalDataSetting, { system, module })) ?? { restrictNormal: false, restrictSensitive: false };
      const setting = Object.assign(new PersonalDataSetting(), {
        system,
        module,
        restrictNormal,
        restrictSensitive,
        modifiedTime: new Date(),
        modifiedBy: userId,
      });
      await m.save(setting);
      await recordSettingsChange(
        m,
        `personalData:${system}:${module}`,
        { restrictNormal: before.restrictNormal, restrictSensitive: before.restrictSensitive },
        { restrictNormal, restrictSensitive },
        userId,
      );
      // Fields allowed to leave now may hold values that never crossed.
      if ((before.restrictNormal && !restrictNormal) || (before.restrictSensitive && !restrictSensitive)) {
        const side = sideOfSystem(system);
        for (const [pair, modules] of Object.entries(PAIR_MODULES) as [SyncPair, (typeof PAIR_MODULES)[SyncPair]][]) {
          if (side === "CRM" && modules.crmModule !== module) continue;
          if ((await currentlyFlowingSides(m, pair)).includes(side)) await enqueueResync(m, pair, [side]);
        }
      }
      return setting;
    });
  }
}
