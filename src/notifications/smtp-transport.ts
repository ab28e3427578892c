import { createTransport } from "nodemailer";

/** Bounds on one SMTP exchange, so an unreachable server delays the caller by seconds, not minutes. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** What the SMTP server did with a mail: addresses it refused (the others were accepted). */
export interface SmtpResult {
  rejected: string[];
}

/** Sends mail to one SMTP server given as smtp://user:pass@host:port (smtps:// for implicit TLS). */
export class SmtpTransport {
  private readonly transporter;

  constructor(smtpUrl: string) {
    this.transporter = createTransport({
      url: smtpUrl,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    });
  }

  async send(mail: OutgoingMail): Promise<SmtpResult> {
    const info = await this.transporter.sendMail(mail);
    return { rejected: info.rejected ?? [] };
  }
}
