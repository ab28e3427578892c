import type { Logger } from "pino";
import type { Notifier } from "./notifier";

/** Whether the CRM is integrated with a finance suite (the org's settings). */
export interface FinanceSuiteSwitch {
  get(): Promise<{ financeSuiteIntegrated: boolean }>;
}

/**
 * The sync's mail to admins (initial sync started/finished, deletions held): none while the CRM is integrated
 * with a finance suite. Direct sync is off then, and the admins were told so once, when it was switched off
 * (OrgSettingsService mails that through the plain notifier). Never throws, like the notifier it wraps.
 */
export class SyncMailGate implements Notifier {
  constructor(
    private readonly mail: Notifier,
    private readonly org: FinanceSuiteSwitch,
    private readonly logger: Logger,
  ) {}

  async notifyAdmins(subject: string, text: string): Promise<void> {
    // If the settings cannot be read, the mail goes: an admin told once too often beats one never told.
    const financeSuite = await this.org.get().then(
      (org) => org.financeSuiteIntegrated,
      () => false,
    );
    if (financeSuite) {
      this.logger.info({ subject }, "sync mail not sent: the CRM is integrated with a finance suite");
      return;
    }
    await this.mail.notifyAdmins(subject, text);
  }
}
