import type { Logger } from "pino";
import type { Notifier } from "./notifier";

/** Placeholder until mail delivery lands: logs the notification. */
export class MailNotifier implements Notifier {
  constructor(private readonly logger: Logger) {}

  async notifyAdmins(subject: string, _text: string): Promise<void> {
    this.logger.info({ subject }, "admin notification");
  }
}
