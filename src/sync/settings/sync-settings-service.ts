import type { EntityManager } from "typeorm";
import type { Database } from "../../db/database";
import { BadUserInputError } from "../../errors/app-error";
import { SyncPair } from "../sync-pair";
import { PAIR_MODULES } from "../../modules/module-registry";
import type { CrmViews } from "../../crm/views/crm-views";
import { recordSettingsChange } from "./settings-audit";
import { enqueueResync, flowingSides } from "../outbox/resync";
import { DeletionPreference, SyncDirection, SyncSettings } from "./sync-settings.entity";
import { PersonalDataSetting } from "../privacy/personal-data-setting.entity";
import { FSM_ORG, restrictionsOf, type Restrictions } from "../privacy/personal-data-policy";
import { SystemName } from "../../fields/field-definition.entity";
import type { Side } from "../sync-pair";

/** What a sync of a pair decides by: its settings, and which personal data may leave either side. */
export interface PairRules {
  settings: SyncSettings;
  restricted: Record<Side, Restrictions>;
}

type SettingsWithPrivacy = SyncSettings & { crmPrivacy?: PersonalDataSetting; fsmPrivacy?: PersonalDataSetting };

export type SyncSettingsPatch = Partial<Pick<SyncSettings, "enabled" | "direction" | "onCrmDelete" | "onFsmDelete" | "crmViewId">>;

const DEFAULTS = {
  enabled: true,
  direction: SyncDirection.TWO_WAY,
  onCrmDelete: DeletionPreference.SUSPEND,
  onFsmDelete: DeletionPreference.SUSPEND,
  crmViewId: null,
};

/** Per-pair sync switches: enabled, direction, deletion preferences. Every change is audited. */
export class SyncSettingsService {
  constructor(
    private readonly db: Database,
    private readonly views: CrmViews,
  ) {}

  /** Writes the default settings of pairs that have none; safe on every start. */
  async ensureDefaults(): Promise<void> {
    const existing = new Set((await this.db.manager.find(SyncSettings)).map((s) => s.pair));
    const missing = Object.values(SyncPair).filter((pair) => !existing.has(pair));
    if (!missing.length) return;
    await this.db.transaction((m) =>
      m.insert(
        SyncSettings,
        missing.map((pair) => ({ pair, ...DEFAULTS, modifiedTime: new Date(), modifiedBy: null })),
      ),
    );
  }

  list(): Promise<SyncSettings[]> {
    return this.db.manager.find(SyncSettings, { order: { pair: "ASC" } });
  }

  async get(pair: SyncPair, manager: EntityManager = this.db.manager): Promise<SyncSettings> {
    return (await manager.findOneBy(SyncSettings, { pair })) ?? defaultSettings(pair);
  }

  /** The pair's rules in one read (every sync reads them; on PostgreSQL each read is a round trip). */
  async rules(pair: SyncPair, manager: EntityManager = this.db.manager): Promise<PairRules> {
    const row: SettingsWithPrivacy | null = await manager
      .createQueryBuilder(SyncSettings, "s")
      .leftJoinAndMapOne("s.crmPrivacy", PersonalDataSetting, "c", "c.system = :crm AND c.module = :crmModule", {
        crm: SystemName.CRM,
        crmModule: PAIR_MODULES[pair].crmModule,
      })
      .leftJoinAndMapOne("s.fsmPrivacy", PersonalDataSetting, "f", "f.system = :fsm AND f.module = :fsmOrg", { fsm: SystemName.FSM, fsmOrg: FSM_ORG })
      .where("s.pair = :pair", { pair })
      .getOne();
    if (!row) {
      const crm = await manager.findOneBy(PersonalDataSetting, { system: SystemName.CRM, module: PAIR_MODULES[pair].crmModule });
      const fsm = await manager.findOneBy(PersonalDataSetting, { system: SystemName.FSM, module: FSM_ORG });
      return { settings: defaultSettings(pair), restricted: { CRM: restrictionsOf(crm), FSM: restrictionsOf(fsm) } };
    }
    const { crmPrivacy, fsmPrivacy, ...settings } = row;
    return { settings: Object.assign(new SyncSettings(), settings), restricted: { CRM: restrictionsOf(crmPrivacy), FSM: restrictionsOf(fsmPrivacy) } };
  }

  update(pair: SyncPair, patch: SyncSettingsPatch, userId: string): Promise<SyncSettings> {
    return this.db.transaction(async (m) => {
      const before = await this.get(pair, m);
      const after = Object.assign(new SyncSettings(), before, stripUndefined(patch), { modifiedTime: new Date(), modifiedBy: userId });
      // null clears the view; absent leaves it.
      if (patch.crmViewId !== undefined) after.crmViewId = patch.crmViewId || null;
      if (after.crmViewId) await this.checkView(pair, after.crmViewId);
      await this.checkContactsNeedAccounts(m, after);
      await m.save(after);
      await recordSettingsChange(m, `syncSettings:${pair}`, pick(before), pick(after), userId);
      const flowedBefore = flowingSides(before);
      await enqueueResync(
        m,
        pair,
        flowingSides(after).filter((side) => !flowedBefore.includes(side)),
      );
      return after;
    });
  }

  private async checkView(pair: SyncPair, viewId: string): Promise<void> {
    const view = await this.views.get(viewId).catch(() => null);
    const module = PAIR_MODULES[pair].crmModule;
    if (!view || view.module !== module) throw new BadUserInputError("crmViewId", `crmViewId: "${viewId}" is not a CRM view of ${module}`);
  }

  /** Contacts can sync only while Accounts do: a Contact's Company comes from its Account's link. */
  private async checkContactsNeedAccounts(m: EntityManager, next: SyncSettings): Promise<void> {
    if (next.pair === SyncPair.CONTACTS_CONTACTS && next.enabled && !(await this.get(SyncPair.ACCOUNTS_COMPANIES, m)).enabled) {
      throw new BadUserInputError("enabled", "enabled: Contacts sync can only be enabled while Accounts sync is enabled");
    }
    if (next.pair === SyncPair.ACCOUNTS_COMPANIES && !next.enabled && (await this.get(SyncPair.CONTACTS_CONTACTS, m)).enabled) {
      throw new BadUserInputError("enabled", "enabled: disable Contacts sync before Accounts sync");
    }
  }
}

function defaultSettings(pair: SyncPair): SyncSettings {
  return Object.assign(new SyncSettings(), { pair, ...DEFAULTS, modifiedTime: new Date(0), modifiedBy: null });
}

function stripUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function pick(s: SyncSettings) {
  return { enabled: s.enabled, direction: s.direction, onCrmDelete: s.onCrmDelete, onFsmDelete: s.onFsmDelete, crmViewId: s.crmViewId };
}
