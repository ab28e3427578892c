import type { Database } from "../db/database";
import type { Notifier } from "../notifications/notifier";
import { recordSettingsChange } from "../sync/settings/settings-audit";
import { OrgSettings } from "./org-settings.entity";

const ORG = "org";
export const SYNC_DISABLED_SUBJECT = "Two-Way Sync between CRM and FSM is disabled";

/** The organisation's settings. Whether direct sync may run is read here by every worker loop and sync. */
export class OrgSettingsService {
  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
  ) {}

  async get(): Promise<OrgSettings> {
    return (await this.db.manager.findOneBy(OrgSettings, { id: ORG })) ?? Object.assign(new OrgSettings(), { id: ORG, financeSuiteIntegrated: false, modifiedTime: new Date(0), modifiedBy: null });
  }

  /** Direct two-way sync runs unless the CRM is integrated with a finance suite. */
  async directSyncEnabled(): Promise<boolean> {
    return !(await this.get()).financeSuiteIntegrated;
  }

  /**
   * Integrating the CRM with a finance suite switches direct sync off (pending changes are kept, not applied)
   * and tells the admins; clearing it lets sync run again.
   */
  async setFinanceSuiteIntegrated(integrated: boolean, userId: string): Promise<OrgSettings> {
    const before = await this.get();
    const after = Object.assign(new OrgSettings(), before, { financeSuiteIntegrated: integrated, modifiedTime: new Date(), modifiedBy: userId });
    await this.db.transaction(async (m) => {
      await m.save(after);
      await recordSettingsChange(m, "org:financeSuiteIntegrated", { financeSuiteIntegrated: before.financeSuiteIntegrated }, { financeSuiteIntegrated: integrated }, userId);
    });
    if (integrated && !before.financeSuiteIntegrated) {
      await this.notifier.notifyAdmins(
        SYNC_DISABLED_SUBJECT,
        "The CRM is now integrated with a finance suite, so direct two-way sync between the CRM and the FSM has been switched off.\n" +
          "Changes made from now on are kept and will be synced if direct sync is enabled again (clear the finance-suite integration).",
      );
    }
    return after;
  }
}
