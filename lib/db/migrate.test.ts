import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  applyMigrations,
  createMigration,
  InvalidMigrationNameError,
  MigrationFailedError,
} from "@/lib/db/migrate";
import { nextMigrationDirName } from "@/lib/db/migrate/migrations-dir";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "@/lib/db/migrate/paths";
import { createTestDatabase, snapshotShadow, testBackend, type TestDatabase } from "@/test/db";

// These tests drive the wasm schema engine itself, on the backend of this run: PGlite by
// default, PostgreSQL when TEST_DATABASE_URL is set.
const migrationsDir = MIGRATIONS_DIR;
const schemaPath = SCHEMA_PATH;
const APP_TABLES = ["AuditEvent", "AuthThrottle", "OutboxMessage", "Session", "User", "VerificationToken"];
const SLOW = 60_000; // a fresh shadow PGlite runs initdb: seconds on a busy 2-core machine

let tmp: string;
let migrationNames: string[];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "tessera-migrate-test-"));
  migrationNames = (await fs.readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function tablesOf(database: TestDatabase): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

const migrationRows = (database: TestDatabase) =>
  database.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name');

/** Advisory locks (Prisma's migration lock is one) held on this database by any session but ours. */
const advisoryLocksOfOtherSessions = (database: TestDatabase) =>
  database.query<{ pid: number; objid: string }>(
    `SELECT pid, objid::text FROM pg_locks
     WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );

async function copyMigrations(to: string): Promise<string> {
  await fs.cp(migrationsDir, to, { recursive: true });
  return to;
}

describe(`applying migrations with the wasm engine (${testBackend()})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("empty");
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("applies every migration to an empty database and records each in _prisma_migrations", async () => {
    expect(await tablesOf(database)).toEqual([]);
    const target = database.migrationDatabase();
    try {
      const result = await applyMigrations(target, { migrationsDir });
      expect(result).toEqual({ applied: migrationNames, total: migrationNames.length });
    } finally {
      await target.close();
    }

    expect(await tablesOf(database)).toEqual(expect.arrayContaining([...APP_TABLES, "_prisma_migrations"]));
    const rows = await migrationRows(database);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      // Prisma's checksum is the SHA-256 of migration.sql: `prisma migrate deploy` would agree.
      const sql = await fs.readFile(path.join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  }, SLOW);

  it("applies nothing the second time (promptly, even through the same connection factory)", async () => {
    const target = database.migrationDatabase();
    try {
      for (let run = 0; run < 2; run++) {
        const started = Date.now();
        expect(await applyMigrations(target, { migrationsDir })).toEqual({ applied: [], total: migrationNames.length });
        // An engine session left open keeps Prisma's advisory lock, and the next run waited 10 s
        // for it. So once a run has returned, no other session may hold a lock on the database
        // (PGlite has one session, whose lock is ours and never in the way)…
        expect(await advisoryLocksOfOtherSessions(database)).toEqual([]);
        // …and the run did not sit out that wait: 10 s or more. The bound leaves a busy 2-core
        // machine seconds of slack; such a run takes a fraction of a second.
        expect(Date.now() - started).toBeLessThan(8_000);
      }
    } finally {
      await target.close();
    }
    expect(await migrationRows(database)).toHaveLength(migrationNames.length);
  }, SLOW);

  it("reports a failing migration by name, rolls it back whole, and refuses to go on past it", async () => {
    const dir = await copyMigrations(path.join(tmp, "failing"));
    // Semicolons inside a DO block and a string check the script is not split on ";".
    await fs.mkdir(path.join(dir, "20990101000000_broken"));
    await fs.writeFile(
      path.join(dir, "20990101000000_broken", "migration.sql"),
      'CREATE TABLE "Partial" ("id" TEXT);\n' +
        "DO $$ BEGIN PERFORM 'a;b'; END $$;\n" +
        'ALTER TABLE "Missing" ADD COLUMN "x" INTEGER;\n',
    );

    const target = database.migrationDatabase();
    try {
      const failure = applyMigrations(target, { migrationsDir: dir });
      await expect(failure).rejects.toThrow(MigrationFailedError);
      await expect(failure).rejects.toThrow(/Migration 20990101000000_broken failed:[\s\S]*Missing/);

      // One implicit transaction: the table created before the error is gone.
      expect(await tablesOf(database)).not.toContain("Partial");
      const broken = (await migrationRows(database)).find((row) => row.migration_name === "20990101000000_broken");
      expect(broken).toMatchObject({ finished_at: null, rolled_back_at: null });

      // Like `prisma migrate deploy`: nothing more until someone resolves the failed migration.
      await expect(applyMigrations(target, { migrationsDir: dir })).rejects.toThrow(/failed migrations/);
    } finally {
      await target.close();
    }
  }, SLOW);
});

describe("creating migrations", () => {
  it("writes the schema's changes as the next migration, which applies; then there are no changes", async () => {
    const dir = await copyMigrations(path.join(tmp, "create"));
    const schema = path.join(tmp, "create.prisma");
    await fs.writeFile(
      schema,
      `${await fs.readFile(schemaPath, "utf8")}\nmodel Widget {\n  id   String @id\n  name String\n}\n`,
    );

    const shadow = snapshotShadow();
    const result = await createMigration({ migrationsDir: dir, schemaPath: schema, name: "add_widget", shadow });
    if (result.status !== "created") throw new Error(`expected a migration, got ${result.status}`);
    expect(result.dirName).toMatch(/^\d{14}_add_widget$/);
    expect(result.dirName > migrationNames.at(-1)!).toBe(true);
    const sql = await fs.readFile(path.join(dir, result.dirName, "migration.sql"), "utf8");
    expect(sql).toBe(result.sql.endsWith("\n") ? result.sql : `${result.sql}\n`);
    expect(sql).toContain('CREATE TABLE "Widget"');
    expect(sql).not.toContain('CREATE TABLE "User"'); // only the change, not the whole schema
    expect(await fs.readFile(path.join(dir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');

    // The new migration applies on top of an up-to-date database.
    const database = await createTestDatabase("migrated");
    const target = database.migrationDatabase();
    try {
      expect((await applyMigrations(target, { migrationsDir: dir })).applied).toEqual([result.dirName]);
      expect(await tablesOf(database)).toContain("Widget");
    } finally {
      await target.close();
      await database.destroy();
    }

    // Now that the migration exists, the same schema has nothing left to migrate.
    const before = await fs.readdir(dir);
    expect(await createMigration({ migrationsDir: dir, schemaPath: schema, name: "again", shadow })).toEqual({
      status: "no-changes",
    });
    expect(await fs.readdir(dir)).toEqual(before);
  }, SLOW);

  // A guard for everyone: a schema change without its migration fails here, not in production.
  // (With the default shadow database, a fresh PGlite, as `npm run db:migration` uses.)
  it("finds prisma/schema.prisma fully described by prisma/migrations (else: npm run db:migration <name>)", async () => {
    const dir = await copyMigrations(path.join(tmp, "current"));
    const result = await createMigration({ migrationsDir: dir, schemaPath, name: "pending" });
    expect(result.status === "created" ? result.sql : "no changes").toBe("no changes");
  }, SLOW);

  it("rejects a name outside [a-z0-9_]+ before doing any work", async () => {
    for (const name of ["Add-Widget", "add widget", "../escape", ""]) {
      await expect(createMigration({ migrationsDir: tmp, schemaPath, name })).rejects.toThrow(
        InvalidMigrationNameError,
      );
    }
  });

  it("names a migration after the latest one even within the same second or with a clock behind", () => {
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(nextMigrationDirName([], "init", now)).toBe("20260102030405_init");
    expect(nextMigrationDirName(["20260102030405_init"], "next", now)).toBe("20260102030406_next");
    expect(nextMigrationDirName(["20270101000000_future"], "next", now)).toBe("20270101000001_next");
  });
});

describe("the per-test-file database from test/setup.ts", () => {
  it("is migrated and usable through lib/db", async () => {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    const user = await db.user.create({ data: { email: "migrate-test@example.com", name: "M", passwordHash: "x" } });
    expect(await db.user.findUnique({ where: { id: user.id } })).toMatchObject({ role: "user" });
  });

  it("is what the app connects to: APP_ENV=test, DATABASE_URL only for PostgreSQL", () => {
    if (testBackend() === "postgres") {
      expect(process.env.DATABASE_URL).toMatch(/\/tessera_test_[0-9a-f]{12}$/);
    } else {
      expect(process.env.DATABASE_URL).toBeUndefined();
    }
    expect(process.env.APP_ENV).toBe("test");
  });
});
