import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { MailMessage } from "../../src/notifications/mail-message.entity";

const DEFAULT_MAILS = 20;
const MAX_MAILS = 200;

/** The mail the gateway sent to the admins, including what stayed in the local outbox without SMTP. */
@Authorized(Permission.Admin)
@Resolver()
export class MailboxResolver {
  @Query(() => [MailMessage], { description: `Admin mail, newest first (SMTP-sent and outbox-only); first: 1 to ${MAX_MAILS}.` })
  adminMailbox(@Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_MAILS }) first: number | null, @Ctx() { services }: Context) {
    return services.mailbox.latest(Math.min(Math.max(first ?? DEFAULT_MAILS, 1), MAX_MAILS));
  }
}
