import type { WebSocket } from "ws";
import type { Logger } from "pino";
import type { AccessService, Principal } from "../../access/access-service";
import { ErrorCode } from "../../errors/error-code";
import { UnauthenticatedSockets } from "./unauthenticated-sockets";

/** Close codes and reasons (at most 123 bytes) of sockets the gateway ends on its own. */
export const ACCESS_ENDED = { code: 4401, reason: `${ErrorCode.Unauthenticated}: the token was revoked or has expired, or its user was deactivated` };
export const TOO_MANY_SOCKETS_CODE = 4029;
/** A handshake over its sender's rate limit (graphql-ws keeps 4429 for a repeated connection_init). */
export const RATE_LIMITED_CODE = 4028;
export const SLOW_CONSUMER = { code: 1008, reason: `${ErrorCode.SlowConsumer}: the client did not read its messages` };
/** A socket told to close that has not finished the close handshake by then is cut, ending its subscriptions. */
const CLOSE_GRACE_MS = 1_000;

/**
 * The authenticated sockets and whose they are: caps sockets per user, and closes a socket (4401) once its token
 * is revoked or expired or its user deactivated. An in-process notice from the access service triggers a
 * re-check at once; a periodic one (a single batched query) catches changes made by other processes.
 */
export class OpenSockets {
  private readonly principals = new Map<WebSocket, Principal>();
  private readonly perUser = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  private sweeping: Promise<void> | null = null;
  private again = false;

  /** Sockets still before connection_init, per address (admitted by the server, released by add and remove). */
  readonly unauthenticated: UnauthenticatedSockets;

  constructor(
    private readonly access: AccessService,
    private readonly maxPerUser: number,
    maxUnauthenticatedPerAddress: number,
    private readonly logger: Logger,
  ) {
    this.unauthenticated = new UnauthenticatedSockets(maxUnauthenticatedPerAddress);
  }

  start(sweepMs: number): void {
    this.timer = setInterval(() => void this.sweep(), sweepMs).unref();
    this.stopListening = this.access.revocations.listen(() => void this.sweep());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.stopListening?.();
  }

  /** Registers an authenticated socket; false when its user already has the most sockets allowed. */
  add(socket: WebSocket, principal: Principal): boolean {
    const count = this.perUser.get(principal.user.id) ?? 0;
    if (count >= this.maxPerUser) return false;
    this.perUser.set(principal.user.id, count + 1);
    this.principals.set(socket, principal);
    this.unauthenticated.release(socket);
    return true;
  }

  remove(socket: WebSocket): void {
    this.unauthenticated.release(socket);
    const principal = this.principals.get(socket);
    if (!principal) return;
    this.principals.delete(socket);
    const left = (this.perUser.get(principal.user.id) ?? 1) - 1;
    if (left > 0) this.perUser.set(principal.user.id, left);
    else this.perUser.delete(principal.user.id);
  }

  /** The socket's principal as of the last re-check (its user's profile included). */
  principalOf(socket: WebSocket): Principal | undefined {
    return this.principals.get(socket);
  }

  /** Re-checks every socket's token; one asked for while another runs runs after it, so no revocation is missed. */
  sweep(): Promise<void> {
    if (this.sweeping) {
      this.again = true;
      return this.sweeping;
    }
    this.sweeping = (async () => {
      do {
        this.again = false;
        await this.checkOnce();
      } while (this.again);
    })().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async checkOnce(): Promise<void> {
    if (!this.principals.size) return;
    const open = [...this.principals];
    let users;
    try {
      users = await this.access.usersOfValidTokens(open.map(([, principal]) => principal.tokenId));
    } catch (error) {
      this.logger.warn({ err: error }, "websocket token re-check failed; retried at the next one");
      return;
    }
    for (const [socket, principal] of open) {
      if (this.principals.get(socket) !== principal) continue; // closed meanwhile
      const user = users.get(principal.tokenId);
      if (user) {
        principal.user = user;
        continue;
      }
      this.remove(socket);
      socket.close(ACCESS_ENDED.code, ACCESS_ENDED.reason);
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
    }
  }
}
