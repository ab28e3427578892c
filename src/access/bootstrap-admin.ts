import type { AccessService } from "./access-service";
import { ADMINISTRATOR_PROFILE, type User } from "./user.entity";

export const FIRST_ADMIN_EMAIL = "admin@example.com";
const STARTUP_TOKEN_LABEL = "startup";

/**
 * Makes sure the first administrator exists and gives them a fresh start-up token (the previous one is revoked).
 * Tokens are stored hashed, so this is the only moment the token can be shown.
 */
export async function bootstrapAdmin(access: AccessService): Promise<{ admin: User; token: string }> {
  const admin =
    (await access.findUserByEmail(FIRST_ADMIN_EMAIL)) ??
    (await access.createUser({ name: "Gateway Admin", email: FIRST_ADMIN_EMAIL, profile: ADMINISTRATOR_PROFILE }));
  await access.revokeTokensLabelled(admin.id, STARTUP_TOKEN_LABEL);
  const { token } = await access.issueToken(admin.id, STARTUP_TOKEN_LABEL);
  return { admin, token };
}
