/**
 * Database commands that work offline (Prisma's CLI would download its native engine):
 *
 *   tsx scripts/db.ts migrate            apply pending migrations to the app's database
 *                                        (PostgreSQL with DATABASE_URL, else the embedded
 *                                        PGlite in DATA_DIR, default .data)
 *   tsx scripts/db.ts migration <name>   write prisma/migrations/<UTC timestamp>_<name>/migration.sql
 *                                        from the schema's changes since the last migration
 *
 * Same folder layout and `_prisma_migrations` table as Prisma, so `prisma migrate deploy`
 * works unchanged wherever Prisma's own engine is available.
 */
import path from "node:path";
import { DatabaseLockedError } from "../lib/db/embedded";
import {
  applyMigrations,
  createMigration,
  InvalidMigrationNameError,
  MigrationFailedError,
  openMigrationTarget,
  validateMigrationName,
} from "../lib/db/migrate";
import { MIGRATIONS_DIR, REPOSITORY_ROOT, SCHEMA_PATH } from "../lib/db/migrate/paths";

const migrationsDir = MIGRATIONS_DIR;
const schemaPath = SCHEMA_PATH;

const USAGE = `Usage:
  tsx scripts/db.ts migrate            apply pending migrations
  tsx scripts/db.ts migration <name>   create a migration from prisma/schema.prisma (name: [a-z0-9_]+)`;

class UsageError extends Error {}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

async function migrate(): Promise<void> {
  const database = openMigrationTarget();
  try {
    console.log(`Applying migrations from prisma/migrations to ${database.description}…`);
    const { applied, total } = await applyMigrations(database, { migrationsDir });
    for (const name of applied) console.log(`  applied ${name}`);
    console.log(
      applied.length === 0
        ? `No pending migrations: the database is up to date (${plural(total, "migration")}).`
        : `Applied ${plural(applied.length, "migration")}; the database is up to date (${plural(total, "migration")}).`,
    );
  } finally {
    await database.close();
  }
}

async function migration(name: string | undefined): Promise<void> {
  if (!name) throw new UsageError("Missing the migration name.");
  validateMigrationName(name); // a typo should not cost the seconds the comparison takes
  console.log("Comparing prisma/schema.prisma with prisma/migrations…");
  const result = await createMigration({ migrationsDir, schemaPath, name });
  if (result.status === "no-changes") {
    console.log("No changes: prisma/schema.prisma matches the migrations. Nothing written.");
    return;
  }
  console.log(`Created ${path.relative(REPOSITORY_ROOT, result.file)}`);
  console.log("Review it, then apply it with: tsx scripts/db.ts migrate");
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === "migrate" && rest.length === 0) return migrate();
  if (command === "migration" && rest.length <= 1) return migration(rest[0]);
  throw new UsageError(command ? `Unknown command: ${args.join(" ")}` : "Missing the command.");
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof InvalidMigrationNameError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof MigrationFailedError || error instanceof DatabaseLockedError) {
    console.error(`\n${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
