/**
 * How two Emails or Company/Account Names are compared wherever the gateway looks for the same record (the
 * initial sync's duplicate search, Overwrite, every duplicate check): Unicode-normalised (NFKC), trimmed and
 * case-insensitive, so `john@x.com`, ` JOHN@x.com` and `ｊｏｈｎ@x.com` are one person. Empty values match nothing.
 */
export function matchKey(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).normalize("NFKC").trim().toLowerCase();
}
