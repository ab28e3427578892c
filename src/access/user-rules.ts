import { BadUserInputError } from "../errors/app-error";
import { ADMINISTRATOR_PROFILE, STANDARD_PROFILE } from "./user.entity";

export const MAX_NAME_LENGTH = 128;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PROFILE_LENGTH = 64;
export const MAX_TOKEN_LABEL_LENGTH = 128;

/** One @ with something on both sides, a dot in the domain, no spaces: what a mail server would accept. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in names
const CONTROL = /[\u0000-\u001f\u007f]/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(field, `${field}: required`);
  if (trimmed.length > max) throw new BadUserInputError(field, `${field}: at most ${max} characters`);
  if (CONTROL.test(trimmed)) throw new BadUserInputError(field, `${field}: must not contain control characters`);
  return trimmed;
}

export function checkEmail(email: string): string {
  const normalised = normaliseEmail(email);
  if (normalised.length > MAX_EMAIL_LENGTH || !EMAIL.test(normalised)) throw new BadUserInputError("email", "email: not a valid e-mail address");
  return normalised;
}

/**
 * A CRM profile: Administrator, Standard or a custom one (e.g. "Field Sales"). The two built-in names are
 * matched case-insensitively, so "administrator" cannot become a look-alike custom profile without admin rights.
 */
export function normaliseProfile(profile: string): string {
  const name = text("profile", profile, MAX_PROFILE_LENGTH);
  const builtIn = [ADMINISTRATOR_PROFILE, STANDARD_PROFILE].find((p) => p.toLowerCase() === name.toLowerCase());
  return builtIn ?? name;
}

export function checkNewUser(input: { name: string; email: string; profile: string }): { name: string; email: string; profile: string } {
  return { name: text("name", input.name, MAX_NAME_LENGTH), email: checkEmail(input.email), profile: normaliseProfile(input.profile) };
}

export function checkTokenLabel(label: string): string {
  return text("label", label, MAX_TOKEN_LABEL_LENGTH);
}

/** A token's expiry must lie in the future (null: never expires). */
export function checkExpiry(expiresAt: Date | null | undefined, now = new Date()): Date | null {
  if (expiresAt === null || expiresAt === undefined) return null;
  if (Number.isNaN(expiresAt.getTime())) throw new BadUserInputError("expiresAt", "expiresAt: not a valid time");
  if (expiresAt <= now) throw new BadUserInputError("expiresAt", "expiresAt: must be in the future");
  return expiresAt;
}

/** A unique index refused the row (SQLite or PostgreSQL), e.g. two requests creating the same e-mail at once. */
export function isUniqueViolation(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: string } } | null)?.driverError ?? (error as { code?: string } | null);
  const code = driver?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
