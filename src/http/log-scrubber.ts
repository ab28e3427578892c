/**
 * The last line of defence of the logs: every line is scrubbed as it is written, whatever logged it (a message
 * built with an address in it, an error from a driver or a vendor API quoting a value, a child logger's bindings).
 * Key paths (logger.ts) catch what we know; this catches the shapes: e-mail addresses, our bearer tokens,
 * Authorization values, and the values of personal fields under their usual keys, at any depth.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Our API tokens are "gw_" and 43 base64url characters (src/access/access-service.ts). */
const GATEWAY_TOKEN = /gw_[A-Za-z0-9_-]{20,}/g;
const AUTHORIZATION_VALUE = /\b(Bearer|Basic|Zoho-oauthtoken)\s+(?!\[redacted\])[^\s"',;]+/gi;

/**
 * Keys whose values are personal data in the standard catalogue (src/fields/standard-fields.ts: names, e-mail,
 * phone, mobile, addresses) or credentials. Admins may mark more fields personal; those never reach a log by
 * key because records, variables and bodies are never logged.
 */
const PERSONAL_KEYS = [
  "email",
  "secondaryEmail",
  "to",
  "cc",
  "bcc",
  "rejected",
  "phone",
  "mobile",
  "fax",
  "firstName",
  "lastName",
  "fullName",
  "contactName",
  "technician",
  "street",
  "address",
  "mailingAddress",
  "otherAddress",
  "billingAddress",
  "shippingAddress",
  "serviceAddress",
  "password",
  "secret",
  "clientSecret",
  "refreshToken",
  "accessToken",
  // The vendors' API names of the same fields (keys match whatever their case).
  "first_name",
  "last_name",
  "full_name",
  "secondary_email",
  "mailing_street",
  "other_street",
  "billing_street",
  "shipping_street",
];
/** `"key":` followed by a string, a flat object or a flat array: the value is replaced whole. */
const PERSONAL_VALUE = new RegExp(`"(${PERSONAL_KEYS.join("|")})":("(?:[^"\\\\]|\\\\.)*"|\\{[^{}]*\\}|\\[[^\\[\\]]*\\])`, "gi");
/** Cheap test first: most lines (one per request) have none of these and skip the replacements. */
const MAYBE_SENSITIVE = new RegExp(`@|gw_|bearer|basic|oauthtoken|"(?:${PERSONAL_KEYS.join("|")})":`, "i");

export function scrubLogLine(line: string): string {
  if (!MAYBE_SENSITIVE.test(line)) return line;
  return line
    .replace(PERSONAL_VALUE, '"$1":"[redacted]"')
    .replace(EMAIL, "[email]")
    .replace(GATEWAY_TOKEN, "[token]")
    .replace(AUTHORIZATION_VALUE, "$1 [redacted]");
}
