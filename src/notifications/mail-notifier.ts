import type { Logger } from "pino";
import type { Notifier } from "./notifier";
import type { MailOutbox } from "./mail-outbox";
import type { SmtpTransport } from "./smtp-transport";
import { MailTransport } from "./mail-message.entity";

export interface AdminDirectory {
  activeAdministrators(): Promise<{ email: string }[]>;
}

export interface MailNotifierOptions {
  outbox: MailOutbox;
  admins: AdminDirectory;
  /** null: no SMTP configured, mail stays in the outbox. */
  smtp: SmtpTransport | null;
  from: string;
  logger: Logger;
}

/**
 * Mails the active administrators: over SMTP when configured, else into the outbox. Every mail is recorded in
 * the outbox either way. Never throws: a notification that cannot go out is logged and kept with its error.
 */
export class MailNotifier implements Notifier {
  constructor(private readonly options: MailNotifierOptions) {}

  async notifyAdmins(subject: string, text: string): Promise<void> {
    const { logger } = this.options;
    try {
      const to = (await this.options.admins.activeAdministrators()).map((admin) => admin.email);
      if (!to.length) {
        logger.warn({ subject }, "admin notification not sent: there is no active administrator");
        return;
      }
      await this.deliver(to, subject, text);
    } catch (error) {
      logger.error({ err: error, subject }, "admin notification could not be recorded");
    }
  }

  private async deliver(to: string[], subject: string, text: string): Promise<void> {
    const { outbox, smtp, from, logger } = this.options;
    const mail = await outbox.add({ to, subject, text, transport: smtp ? MailTransport.SMTP : MailTransport.OUTBOX });
    if (!smtp) {
      // Counts, never addresses: the recipients are in adminMailbox for whoever may read them.
      logger.info({ subject, recipients: to.length, mailId: mail.id }, "admin notification written to the outbox (no SMTP configured)");
      return;
    }
    try {
      const { rejected } = await smtp.send({ from, to, subject, text });
      await outbox.markDelivered(mail.id, rejected.length ? `refused by the SMTP server: ${rejected.join(", ")}` : null);
      logger.info({ subject, recipients: to.length, rejected: rejected.length, mailId: mail.id }, "admin notification sent");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, subject, mailId: mail.id }, "admin notification could not be sent over SMTP");
      await outbox.markFailed(mail.id, message);
    }
  }
}
