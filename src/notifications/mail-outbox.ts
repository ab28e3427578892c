import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { MailMessage, MailTransport } from "./mail-message.entity";

export interface NewMail {
  to: string[];
  subject: string;
  text: string;
  transport: MailTransport;
}

/** The record of every admin mail; without SMTP it is the mailbox itself. */
export class MailOutbox {
  constructor(private readonly db: Database) {}

  async add(mail: NewMail): Promise<MailMessage> {
    const now = new Date();
    const message = Object.assign(new MailMessage(), {
      ...mail,
      id: randomUUID(),
      createdTime: now,
      deliveredTime: mail.transport === MailTransport.OUTBOX ? now : null,
      error: null,
    });
    await this.db.transaction((m) => m.insert(MailMessage, message));
    return message;
  }

  async markDelivered(id: string, error: string | null = null): Promise<void> {
    await this.db.transaction((m) => m.update(MailMessage, { id }, { deliveredTime: new Date(), error }));
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.transaction((m) => m.update(MailMessage, { id }, { error }));
  }

  /** Newest first. */
  latest(first: number): Promise<MailMessage[]> {
    return this.db.manager.find(MailMessage, { order: { createdTime: "DESC", id: "DESC" }, take: first });
  }
}
