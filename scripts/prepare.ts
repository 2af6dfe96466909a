/**
 * Before the server starts: apply pending migrations and, in development, seed the demo
 * accounts, in one process over one database connection (opening the embedded database
 * costs seconds, so it is opened once).
 */
import path from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { closeDb, setDb } from "@/lib/db";
import { DatabaseLockedError, openEmbeddedDatabase, releaseEmbeddedDatabase } from "@/lib/db/embedded";
import { PrismaClient } from "@/lib/db/generated/client";
import { applyMigrations, MigrationFailedError, pgliteMigrationDatabase, postgresMigrationDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { DEMO_ACCOUNTS, seedDemoData } from "@/prisma/seed";

const env = getEnv();
const migrationsDir = path.resolve("prisma/migrations");

async function prepare() {
  const embedded = env.DATABASE_URL ? null : openEmbeddedDatabase(env.DATA_DIR);
  const target = embedded
    ? pgliteMigrationDatabase(embedded, { description: `the embedded database in ${path.resolve(env.DATA_DIR, "pglite")}` })
    : postgresMigrationDatabase(env.DATABASE_URL!);
  try {
    const { applied, total } = await applyMigrations(target, { migrationsDir });
    for (const name of applied) console.log(`  applied migration ${name}`);
    console.log(`Database: ${target.description}, ${total} migrations, ${applied.length} applied now.`);
  } finally {
    await target.close();
  }
  if (env.APP_ENV !== "development") return embedded?.close();

  // The app's client, on the connection that is already open (PostgreSQL: lib/db opens its own).
  if (embedded) setDb(new PrismaClient({ adapter: new PrismaPGlite(embedded) }));
  const created = await seedDemoData();
  console.log(created > 0 ? `Seeded ${created} demo accounts.` : "Demo accounts already present.");
  console.log("\nDemo accounts (development only):");
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(14)} ${account.email.padEnd(24)} ${account.password}`);
  console.log("  (support staff turn on two-factor authentication on their first visit to /support)");
  console.log("");
  await closeDb();
  await embedded?.close();
}

try {
  await prepare();
  releaseEmbeddedDatabase(env.DATA_DIR);
} catch (error) {
  if (error instanceof DatabaseLockedError || error instanceof MigrationFailedError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
