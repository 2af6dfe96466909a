import fs from "node:fs/promises";
import path from "node:path";
import { MigrationFailedError } from "./apply";
import { shadowOnlyDatabase, type ShadowFactory } from "./adapters";
import { NO_FILTER, openSchemaEngine, type EngineLog, type SchemaFile } from "./engine";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATION_FILE_NAME,
  nextMigrationDirName,
  readMigrationsList,
  validateMigrationName,
} from "./migrations-dir";

export type CreateResult =
  | { status: "created"; dirName: string; file: string; sql: string }
  | { status: "no-changes" };

/**
 * `prisma migrate dev --create-only` without Prisma's downloadable engine: replays the
 * migrations directory on a throwaway in-memory PGlite (the shadow database), diffs the result
 * against the schema file, and writes the difference as the next migration. No target
 * database is touched, so this works before any database exists; apply with applyMigrations.
 */
export async function createMigration(options: {
  migrationsDir: string;
  schemaPath: string;
  name: string;
  now?: Date;
  shadow?: ShadowFactory;
  log?: EngineLog;
}): Promise<CreateResult> {
  const name = validateMigrationName(options.name); // before the slow part
  const migrationsList = await readMigrationsList(options.migrationsDir);
  const schema: SchemaFile = { path: options.schemaPath, content: await fs.readFile(options.schemaPath, "utf8") };

  const database = shadowOnlyDatabase({ shadow: options.shadow });
  const fail = (message: string, cause: unknown) =>
    new MigrationFailedError(`Creating the migration failed.\n${message}`, { cause });
  let script: string;
  try {
    let opened;
    try {
      opened = await openSchemaEngine(database.factory, { schemaFiles: [schema], log: options.log });
    } catch (error) {
      throw fail(error instanceof Error ? error.message : String(error), error);
    }
    const { engine, explain } = opened;
    try {
      const result = await engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        // With exitCode set, the engine answers 2 for "there are differences" and 0 for none;
        // that is sturdier than recognising its "empty migration" comment.
        exitCode: true,
        filters: NO_FILTER,
      });
      if (result.exitCode === 0) return { status: "no-changes" };
      script = result.stdout ?? "";
    } catch (error) {
      throw fail(explain(error), error);
    } finally {
      engine.free();
    }
  } finally {
    await database.close();
  }

  const baseDir = migrationsList.baseDir;
  const existing = migrationsList.migrationDirectories.map((dir) => dir.path);
  const dirName = nextMigrationDirName(existing, name, options.now ?? new Date());
  const file = path.join(baseDir, dirName, MIGRATION_FILE_NAME);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, script.endsWith("\n") ? script : `${script}\n`, { flag: "wx" });
  // Prisma writes the lockfile with the first migration; keep an existing one untouched.
  await fs.writeFile(path.join(baseDir, LOCKFILE_NAME), LOCKFILE_CONTENT, { flag: "wx" }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  return { status: "created", dirName, file, sql: script };
}
