import type { MigrationDatabase } from "./adapters";
import { NO_FILTER, openSchemaEngine, type EngineLog, type SchemaFile } from "./engine";
import { readMigrationsList } from "./migrations-dir";

export class MigrationFailedError extends Error {
  name = "MigrationFailedError";
}

export type ApplyResult = {
  /** Migrations applied by this call, in order; empty when the database was up to date. */
  applied: string[];
  /** How many migrations the directory holds. */
  total: number;
};

/**
 * `prisma migrate deploy` without Prisma's downloadable engine: applies every migration in
 * migrationsDir that the database's `_prisma_migrations` table does not list as applied,
 * recording each there (name, checksum, timestamps, logs) exactly as Prisma does. Applying
 * twice is a no-op. The engine refuses to continue past a migration that failed (here or in
 * an earlier run) or that was edited after being applied; that surfaces as
 * MigrationFailedError with the engine's explanation.
 */
export async function applyMigrations(
  database: MigrationDatabase,
  options: { migrationsDir: string; schemaFiles?: SchemaFile[]; log?: EngineLog },
): Promise<ApplyResult> {
  const fail = (message: string, cause: unknown) =>
    new MigrationFailedError(`Applying migrations to ${database.description} failed.\n${message}`, { cause });
  const migrationsList = await readMigrationsList(options.migrationsDir);
  try {
    let opened;
    try {
      opened = await openSchemaEngine(database.factory, options);
    } catch (error) {
      throw fail(error instanceof Error ? error.message : String(error), error);
    }
    const { engine, explain } = opened;
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return { applied: appliedMigrationNames, total: migrationsList.migrationDirectories.length };
    } catch (error) {
      throw fail(explain(error), error);
    } finally {
      engine.free();
    }
  } finally {
    await database.disconnect();
  }
}
