import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/config";
import { createDataSource } from "../db/create-data-source";
import { AccessService } from "../access/access-service";
import { ADMINISTRATOR_PROFILE } from "../access/user.entity";
import { AppError, ConflictError } from "../errors/app-error";

const USAGE = `Usage: npm run -s token -- --email <address> [--name <name>] [--label <label>] [--expires-days <days>]

Creates an Administrator with that e-mail if there is none, and prints a new API token for them, once.
The token alone goes to stdout (TOKEN=$(npm run -s token -- --email ops@example.com)); the rest to stderr.
Works on the configured database (SQLITE_PATH, or DATABASE_URL and DATABASE_SCHEMA) and applies pending
migrations first; a running gateway accepts the token at once.

  --email         the administrator's e-mail (required)
  --name          their name when the user is created (default: the part before the @)
  --label         the token's label, shown in the tokens list (default: cli)
  --expires-days  days until the token expires (default: never)
`;

class UsageError extends Error {}

interface Options {
  email: string;
  name: string | null;
  label: string;
  expiresAt: Date | null;
}

export function parseOptions(argv: string[], now = new Date()): Options | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        label: { type: "string", default: "cli" },
        "expires-days": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  if (!values.email) throw new UsageError("--email is required");
  let expiresAt: Date | null = null;
  if (values["expires-days"] !== undefined) {
    const days = Number(values["expires-days"]);
    if (!Number.isFinite(days) || days <= 0 || days > 36_500)
      throw new UsageError(`--expires-days must be a number of days above 0, got "${values["expires-days"]}"`);
    expiresAt = new Date(now.getTime() + days * 86_400_000);
  }
  return { email: values.email, name: values.name ?? null, label: values.label ?? "cli", expiresAt };
}

async function issue(options: Options): Promise<void> {
  const config = loadConfig();
  const db = createDataSource(config);
  await db.dataSource.initialize();
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    const access = new AccessService(db);
    let user = await access.findUserByEmail(options.email);
    if (!user) {
      const name = options.name ?? options.email.trim().split("@")[0];
      user = await access.createUser({ name, email: options.email, profile: ADMINISTRATOR_PROFILE });
      process.stderr.write(`Created the Administrator ${user.name} <${user.email}> (id ${user.id}).\n`);
    } else if (user.profile !== ADMINISTRATOR_PROFILE || !user.active) {
      // The CLI mints admin tokens; it does not quietly promote or reactivate anyone (an admin does that with updateUser).
      const what = user.active ? `has the profile "${user.profile}"` : "is deactivated";
      throw new ConflictError(`${user.email} ${what}: this command issues tokens for active Administrators only; nothing was changed`, "email");
    }
    const { token, record } = await access.issueTokenFor(user.id, options.label, options.expiresAt);
    const expiry = record.expiresAt ? `expires ${record.expiresAt.toISOString()}` : "never expires";
    process.stderr.write(`New token "${record.label}" (id ${record.id}) for ${user.email}, ${expiry}. It is shown only this once:\n`);
    process.stdout.write(`${token}\n`);
  } finally {
    await db.dataSource.destroy();
  }
}

async function main(): Promise<number> {
  try {
    const options = parseOptions(process.argv.slice(2));
    if (options === "help") {
      process.stdout.write(USAGE);
      return 0;
    }
    await issue(options);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`Could not issue a token: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
