import { createHash, randomBytes, randomUUID } from "node:crypto";
import { In, IsNull, type EntityManager } from "typeorm";
import type { Database } from "../db/database";
import { ConflictError, NotFoundError } from "../errors/app-error";
import { StorageUnavailableError } from "../errors/storage-unavailable.error";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE, User } from "./user.entity";
import { ApiToken } from "./api-token.entity";
import { recordSettingsChange } from "../sync/settings/settings-audit";
import { checkExpiry, checkNewUser, checkTokenLabel, isUniqueViolation, normaliseEmail, normaliseProfile } from "./user-rules";
import { chunk } from "../common/chunk";
import { AccessRevocations } from "./access-revocations";

/** lastUsedAt is refreshed at most this often, so reads do not turn into a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewUser {
  name: string;
  email: string;
  profile: string;
}

export interface IssuedToken {
  token: string;
  record: ApiToken;
}

/** Who a valid token speaks for: the user, and which of their tokens it is. */
export interface Principal {
  user: User;
  tokenId: string;
}

/** Token ids per statement when re-checking open sockets (well under every driver's bind-parameter limit). */
const TOKEN_CHECK_CHUNK = 500;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Users and their bearer tokens. */
export class AccessService {
  /** Tokens revoked and users deactivated through this process, as they commit (open sockets listen). */
  readonly revocations = new AccessRevocations();

  constructor(private readonly db: Database) {}

  /**
   * Validates the name, e-mail and profile; an e-mail already in use (any case) is refused with CONFLICT.
   * With `actorId` (an admin's request) the change is audited in the settings changes.
   */
  async createUser(input: NewUser, actorId?: string): Promise<User> {
    const user = Object.assign(new User(), { ...checkNewUser(input), id: randomUUID(), active: true, createdTime: new Date() });
    const taken = () => new ConflictError(`A user with the e-mail ${user.email} already exists`, "email");
    try {
      await this.db.transaction(async (m) => {
        if (await this.emailQuery(m, user.email).getExists()) throw taken();
        await m.insert(User, user);
        if (actorId) await recordSettingsChange(m, `user:${user.id}`, {}, { profile: user.profile, active: true }, actorId);
      });
    } catch (error) {
      throw isUniqueViolation(error) ? taken() : error;
    }
    return user;
  }

  async issueToken(userId: string, label: string, expiresAt: Date | null = null): Promise<IssuedToken> {
    const token = `gw_${randomBytes(32).toString("base64url")}`;
    const record = Object.assign(new ApiToken(), {
      id: randomUUID(),
      userId,
      tokenHash: hashToken(token),
      label,
      createdTime: new Date(),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.db.transaction((m) => m.insert(ApiToken, record));
    return { token, record };
  }

  async revokeTokensLabelled(userId: string, label: string): Promise<void> {
    await this.db.transaction((m) => m.update(ApiToken, { userId, label, revokedAt: IsNull() }, { revokedAt: new Date() }));
    this.revocations.emit({ userId });
  }

  /** The active user a token belongs to, or null for an unknown, revoked or expired token. */
  async authenticate(token: string): Promise<User | null> {
    return (await this.authenticateToken(token))?.user ?? null;
  }

  /** As authenticate, with the token's id: what rate limits and open sockets are keyed on. */
  async authenticateToken(token: string): Promise<Principal | null> {
    // One statement per request: the token with its user.
    const record = (await this.db.manager
      .createQueryBuilder(ApiToken, "token")
      .innerJoinAndMapOne("token.user", User, "user", "user.id = token.userId")
      .where("token.tokenHash = :tokenHash", { tokenHash: hashToken(token) })
      .getOne()) as (ApiToken & { user: User }) | null;
    const now = new Date();
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
    const { user } = record;
    if (!user.active) return null;
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Bookkeeping only: a database refusing writes must not lock every client out of reading.
      await this.db
        .transaction((m) => m.update(ApiToken, { id: record.id }, { lastUsedAt: now }))
        .catch((error: unknown) => {
          if (!(error instanceof StorageUnavailableError)) throw error;
        });
    }
    return { user, tokenId: record.id };
  }

  /**
   * The current user of each of these tokens that is still valid (not revoked, not expired, its user active):
   * one statement per 500 ids, so every open socket can be re-checked each second, whichever process revoked what.
   */
  async usersOfValidTokens(tokenIds: readonly string[]): Promise<Map<string, User>> {
    const valid = new Map<string, User>();
    const now = new Date();
    for (const ids of chunk([...new Set(tokenIds)], TOKEN_CHECK_CHUNK)) {
      const rows = (await this.db.manager
        .createQueryBuilder(ApiToken, "token")
        .innerJoinAndMapOne("token.user", User, "user", "user.id = token.userId")
        .where({ id: In(ids) })
        .getMany()) as (ApiToken & { user: User })[];
      for (const row of rows) {
        if (!row.revokedAt && (!row.expiresAt || row.expiresAt > now) && row.user.active) valid.set(row.id, row.user);
      }
    }
    return valid;
  }

  /** Case-insensitive, as e-mail addresses are in practice. */
  async findUserByEmail(email: string): Promise<User | null> {
    return this.emailQuery(this.db.manager, normaliseEmail(email)).getOne();
  }

  /** Who gets the admin notifications. */
  async activeAdministrators(): Promise<User[]> {
    return this.db.manager.find(User, { where: { profile: ADMINISTRATOR_PROFILE, active: true }, order: { email: "ASC" } });
  }

  /** The profiles that exist: the built-in ones and every profile a user has. */
  async existingProfiles(): Promise<string[]> {
    const rows = await this.db.manager.createQueryBuilder(User, "u").select("DISTINCT u.profile", "profile").getRawMany<{ profile: string }>();
    return [...new Set([ADMINISTRATOR_PROFILE, STANDARD_PROFILE, ...rows.map((r) => r.profile)])];
  }

  listUsers(): Promise<User[]> {
    return this.db.manager.find(User, { order: { email: "ASC" } });
  }

  /** The users with these ids, active or not (a record keeps its author); ids of no user are left out. One statement. */
  usersByIds(ids: readonly string[]): Promise<User[]> {
    return this.db.manager.find(User, { where: { id: In([...ids]) } });
  }

  async getUser(id: string): Promise<User> {
    const user = await this.db.manager.findOneBy(User, { id });
    if (!user) throw new NotFoundError("User", id);
    return user;
  }

  /**
   * Changes a user's profile and/or deactivates or reactivates them. A deactivated user's tokens are refused
   * (reactivating brings back the ones neither revoked nor expired). The last active Administrator can be
   * neither demoted nor deactivated (CONFLICT), so the organisation never locks itself out.
   */
  async updateUser(id: string, patch: { profile?: string | null; active?: boolean | null }, actorId?: string): Promise<User> {
    const changes: Partial<User> = {};
    if (patch.profile !== undefined && patch.profile !== null) changes.profile = normaliseProfile(patch.profile);
    if (patch.active !== undefined && patch.active !== null) changes.active = patch.active;
    const updated = await this.db.transaction(async (m) => {
      const user = await m.findOneBy(User, { id });
      if (!user) throw new NotFoundError("User", id);
      const after = Object.assign(new User(), user, changes);
      const wasActiveAdmin = user.active && user.profile === ADMINISTRATOR_PROFILE;
      const staysActiveAdmin = after.active && after.profile === ADMINISTRATOR_PROFILE;
      if (wasActiveAdmin && !staysActiveAdmin) {
        // On PostgreSQL the admins' rows are locked, so two admins cannot demote each other at the same time.
        const lock = this.db.dialect === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
        const admins = await m.find(User, { where: { profile: ADMINISTRATOR_PROFILE, active: true }, ...lock });
        if (admins.every((admin) => admin.id === id)) {
          throw new ConflictError("This is the last active Administrator: make another user an active Administrator first", "id");
        }
      }
      if (Object.keys(changes).length) await m.update(User, { id }, changes);
      if (actorId)
        await recordSettingsChange(m, `user:${id}`, { profile: user.profile, active: user.active }, { profile: after.profile, active: after.active }, actorId);
      return after;
    });
    if (!updated.active) this.revocations.emit({ userId: id });
    return updated;
  }

  /**
   * A new token for an active user, as an admin issues it: a label, and an expiry in the future or none.
   * The token is in the result only; the database keeps its SHA-256 hash.
   */
  async issueTokenFor(userId: string, label: string, expiresAt: Date | null, actorId?: string): Promise<IssuedToken> {
    const user = await this.getUser(userId);
    if (!user.active) throw new ConflictError(`User ${user.email} is deactivated: reactivate them before issuing a token`, "userId");
    const issued = await this.issueToken(user.id, checkTokenLabel(label), checkExpiry(expiresAt));
    if (actorId) {
      const { record } = issued;
      await this.db.transaction((m) =>
        recordSettingsChange(m, `token:${record.id}`, {}, { userId: record.userId, label: record.label, expiresAt: record.expiresAt }, actorId),
      );
    }
    return issued;
  }

  /** A user's tokens, newest first (metadata only: the token itself is never stored). */
  async listTokens(userId: string): Promise<ApiToken[]> {
    await this.getUser(userId);
    return this.db.manager.find(ApiToken, { where: { userId }, order: { createdTime: "DESC", id: "ASC" } });
  }

  /** Revokes one token at once (the next request with it is refused); revoking it again changes nothing. */
  async revokeToken(id: string, actorId?: string): Promise<ApiToken> {
    const revoked = await this.db.transaction(async (m) => {
      const record = await m.findOneBy(ApiToken, { id });
      if (!record) throw new NotFoundError("API token", id);
      if (!record.revokedAt) {
        record.revokedAt = new Date();
        await m.update(ApiToken, { id }, { revokedAt: record.revokedAt });
        if (actorId) await recordSettingsChange(m, `token:${id}`, { revokedAt: null }, { revokedAt: record.revokedAt }, actorId);
      }
      return record;
    });
    this.revocations.emit({ tokenId: id });
    return revoked;
  }

  private emailQuery(m: EntityManager, email: string) {
    return m.createQueryBuilder(User, "u").where("LOWER(u.email) = :email", { email });
  }
}
