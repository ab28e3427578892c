import fs from "node:fs";
import path from "node:path";

/**
 * Writes the start-up admin token to a file only its owner can read (0600), replacing the last one: the token
 * must not pass through stdout, where process managers and containers turn it into a log. Written to a
 * temporary file created 0600 and renamed over the old one, so no reader ever sees it with wider permissions.
 */
export function writeAdminTokenFile(file: string, token: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${token}\n`, { mode: 0o600 });
  // The mode of writeFileSync is masked by the umask; chmod is not.
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
}
