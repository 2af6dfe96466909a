import path from "node:path";
import { openEmbeddedDatabase, releaseEmbeddedDatabase } from "../embedded";
import { pgliteMigrationDatabase, postgresMigrationDatabase, type MigrationDatabase } from "./adapters";

/**
 * The database the app would use, chosen like lib/db does: PostgreSQL when DATABASE_URL is
 * set, otherwise the embedded PGlite in DATA_DIR (default .data). Read straight from the
 * environment rather than through getEnv(): getEnv() insists on the production secrets
 * (AUTH_SECRET, …) or generates development ones, and migrating needs neither.
 *
 * Opening the embedded database claims its folder, so this fails with DatabaseLockedError
 * while a running app holds it. close() releases the folder.
 */
export function openMigrationTarget(env: NodeJS.ProcessEnv = process.env): MigrationDatabase {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must start with postgres:// or postgresql://.");
    }
    return postgresMigrationDatabase(url);
  }
  const dataDir = env.DATA_DIR?.trim() || ".data";
  const pg = openEmbeddedDatabase(dataDir);
  const database = pgliteMigrationDatabase(pg, {
    description: `the embedded PGlite database in ${path.resolve(dataDir, "pglite")}`,
    ownsDatabase: true,
  });
  return {
    description: database.description,
    factory: database.factory,
    disconnect: () => database.disconnect(),
    async close() {
      try {
        await database.close();
      } finally {
        releaseEmbeddedDatabase(dataDir);
      }
    },
  };
}
