import type { Database } from "../db/database";
import type { Notifier } from "../notifications/notifier";
import { recordSettingsChange } from "../sync/settings/settings-audit";
import { OrgSettings } from "./org-settings.entity";
import { Edition, InstallMode, InstallState } from "./install-state";
import { directSyncStatusOf } from "./direct-sync-status";

const ORG = "org";
const CACHE_MS = 2000;
export const SYNC_DISABLED_SUBJECT = "Two-Way Sync between CRM and FSM is disabled";

/** A new organisation has not installed the integration: an admin installs it, configures it and integrates (domain.md §6). */
const DEFAULTS = {
  id: ORG,
  financeSuiteIntegrated: false,
  crmEdition: Edition.STANDARD,
  fsmEdition: Edition.STANDARD,
  installState: InstallState.NOT_INSTALLED,
  installMode: InstallMode.ALL_USERS,
  installProfiles: null,
  statusReason: null,
  crmBaseUrl: null,
  fsmBaseUrl: null,
  modifiedBy: null,
};

/**
 * The organisation's settings, read on every request (who may see FSM data) and every sync (may it run):
 * cached for a moment; this process's own changes are seen at once.
 */
export class OrgSettingsService {
  private cached: { settings: Promise<OrgSettings>; at: number } | null = null;

  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
  ) {}

  get(): Promise<OrgSettings> {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
      const settings = this.db.manager
        .findOneBy(OrgSettings, { id: ORG })
        .then((row) => row ?? Object.assign(new OrgSettings(), DEFAULTS, { modifiedTime: new Date(0) }));
      this.cached = { settings, at: Date.now() };
      settings.catch(() => (this.cached = null));
    }
    return this.cached.settings;
  }

  /** Direct two-way sync runs while integrated (not paused) and the CRM has no finance suite. */
  async directSyncEnabled(): Promise<boolean> {
    return (await this.syncBlockedBecause()) === null;
  }

  /** Why direct sync is not running now, in words for a user; null while it runs. */
  async syncBlockedBecause(): Promise<string | null> {
    return directSyncStatusOf(await this.get()).reason;
  }

  /** Saves a change, audits it, and returns the new settings. */
  async update(patch: Partial<OrgSettings>, userId: string, subject = "org"): Promise<OrgSettings> {
    const before = await this.fresh();
    const after = Object.assign(new OrgSettings(), before, patch, { modifiedTime: new Date(), modifiedBy: userId });
    await this.db.transaction(async (m) => {
      await m.save(after);
      const changed = Object.keys(patch) as (keyof OrgSettings)[];
      await recordSettingsChange(
        m,
        subject,
        Object.fromEntries(changed.map((k) => [k, before[k]])),
        Object.fromEntries(changed.map((k) => [k, after[k]])),
        userId,
      );
    });
    this.cached = { settings: Promise.resolve(after), at: Date.now() };
    return after;
  }

  /**
   * Integrating the CRM with a finance suite switches direct sync off (pending changes are kept, not applied)
   * and tells the admins; clearing it lets sync run again.
   */
  async setFinanceSuiteIntegrated(integrated: boolean, userId: string): Promise<OrgSettings> {
    const before = await this.fresh();
    const after = await this.update({ financeSuiteIntegrated: integrated }, userId, "org:financeSuiteIntegrated");
    if (integrated && !before.financeSuiteIntegrated) {
      await this.notifier.notifyAdmins(
        SYNC_DISABLED_SUBJECT,
        "The CRM is now integrated with a finance suite, so direct two-way sync between the CRM and the FSM has been switched off.\n" +
          "Changes made from now on are kept and will be synced if direct sync is enabled again (clear the finance-suite integration).",
      );
    }
    return after;
  }

  private fresh(): Promise<OrgSettings> {
    this.cached = null;
    return this.get();
  }
}
