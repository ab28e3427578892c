import { createHash, randomBytes, randomUUID } from "node:crypto";
import { IsNull } from "typeorm";
import type { Database } from "../db/database";
import { ADMINISTRATOR_PROFILE, User } from "./user.entity";
import { ApiToken } from "./api-token.entity";

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

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Users and their bearer tokens. */
export class AccessService {
  constructor(private readonly db: Database) {}

  async createUser(input: NewUser): Promise<User> {
    const user = Object.assign(new User(), { ...input, id: randomUUID(), active: true, createdTime: new Date() });
    await this.db.transaction((m) => m.insert(User, user));
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
  }

  /** The active user a token belongs to, or null for an unknown, revoked or expired token. */
  async authenticate(token: string): Promise<User | null> {
    const record = await this.db.manager.findOneBy(ApiToken, { tokenHash: hashToken(token) });
    const now = new Date();
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
    const user = await this.db.manager.findOneBy(User, { id: record.userId });
    if (!user?.active) return null;
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.db.transaction((m) => m.update(ApiToken, { id: record.id }, { lastUsedAt: now }));
    }
    return user;
  }

  async findUserByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email });
  }

  /** Who gets the admin notifications. */
  async activeAdministrators(): Promise<User[]> {
    return this.db.manager.find(User, { where: { profile: ADMINISTRATOR_PROFILE, active: true }, order: { email: "ASC" } });
  }

  async countUsers(): Promise<number> {
    return this.db.manager.count(User);
  }
}
