import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { inject } from "vitest";
import { watchConnections } from "@/lib/db/pg-connections";
import { POOL_SIZE } from "@/lib/db/pool";
import {
  pgliteMigrationDatabase,
  postgresMigrationDatabase,
  type MigrationDatabase,
  type ShadowFactory,
} from "@/lib/db/migrate";

/**
 * The test database harness. Each test file gets its own database (see test/setup.ts):
 * - by default an in-memory PGlite, loaded from a snapshot that test/global-setup.ts made once
 *   by applying prisma/migrations with the wasm schema engine (a fresh PGlite costs seconds of
 *   initdb; loading a snapshot costs a fraction of one);
 * - with TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test), a new database on
 *   that server, copied from a migrated template database (CREATE DATABASE … TEMPLATE), and
 *   dropped when the file ends. Race and locking tests need this backend: PGlite runs one
 *   query at a time.
 */
export type TestDbConfig = {
  /** PGlite data directory snapshots, made in every run: PGlite is also the shadow database. */
  pglite: { emptySnapshot: string; migratedSnapshot: string };
  /** Set when TEST_DATABASE_URL is: the server and its migrated template database. */
  postgres?: { serverUrl: string; template: string };
};

declare module "vitest" {
  export interface ProvidedContext {
    tesseraTestDb: TestDbConfig;
  }
}

export type TestBackend = "pglite" | "postgres";

export interface TestDatabase {
  readonly backend: TestBackend;
  /** The connection string (PostgreSQL only). */
  readonly url: string | undefined;
  /** The database itself (PGlite only). */
  readonly pglite: PGlite | undefined;
  /** Raw SQL for assertions, whatever the backend. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** For PrismaClient({ adapter }). */
  prismaAdapter(): SqlDriverAdapterFactory;
  /** For the wasm schema engine (lib/db/migrate). Close it before destroy(). */
  migrationDatabase(): MigrationDatabase;
  destroy(): Promise<void>;
}

/** The backend this run uses: TEST_DATABASE_URL selects PostgreSQL (see global-setup.ts). */
export function testBackend(): TestBackend {
  return inject("tesseraTestDb").postgres ? "postgres" : "pglite";
}

export function randomDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** The same server and credentials, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs statements on the server's maintenance connection (the database TEST_DATABASE_URL names). */
export async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  // A lost connection fails the statement in flight and also emits 'error' on the client, which
  // with no listener is an uncaught exception (the failed statement already reports it).
  client.on("error", (error) => console.warn(`Test database server connection: ${error.message}`));
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const sql = `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`;
  // Parallel test files copy the same template; PostgreSQL refuses a copy while anything is
  // connected to the template (55006), which a slow disconnect could briefly cause. Retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(serverUrl, sql);
      return databaseUrl(serverUrl, name);
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  // FORCE (PostgreSQL 13+) ends connections a test leaked instead of failing the clean-up.
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/**
 * PGlite 0.4's close() does not wait for a query or transaction in flight (say, from a test
 * that timed out while Prisma was still querying), and a query queued before close() runs
 * after it: either way PGlite loops forever at full CPU and the run never ends. So close from
 * inside PGlite's own exclusive section (query(), exec() and transaction() all take it), keep
 * that section forever so nothing queued behind it runs on the closed database, and if the
 * database stays busy, leave it to the end of the worker process rather than hang.
 */
export async function closePGliteWhenIdle(pglite: PGlite, waitMs = 10_000): Promise<void> {
  const closing = new Promise<void>((resolve, reject) => {
    void pglite._runExclusiveTransaction(async () => {
      await pglite.close().then(resolve, reject);
      await new Promise(() => {}); // never released, on purpose (see above)
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const busy = new Promise<"busy">((resolve) => {
    timer = setTimeout(() => resolve("busy"), waitMs).unref();
  });
  const outcome = await Promise.race([closing.then(() => "closed" as const), busy]);
  clearTimeout(timer);
  if (outcome === "busy") {
    console.warn(`The test PGlite database was still busy ${waitMs} ms after the tests ended; left open.`);
  }
}

export async function loadPGliteSnapshot(file: string): Promise<PGlite> {
  const pglite = new PGlite({ loadDataDir: new Blob([await fs.readFile(file)]) });
  await pglite.waitReady;
  return pglite;
}

/**
 * A shadow database for createMigration() in tests: the empty snapshot loads in a fraction of
 * the time a fresh PGlite's initdb takes (the default, which the CLI uses).
 */
export function snapshotShadow(): ShadowFactory {
  const { emptySnapshot } = inject("tesseraTestDb").pglite;
  return () => loadPGliteSnapshot(emptySnapshot);
}

/**
 * A new database for the calling test file: "migrated" (prisma/migrations applied, with the
 * `_prisma_migrations` rows) or "empty" (to test migrating itself).
 */
export async function createTestDatabase(state: "migrated" | "empty"): Promise<TestDatabase> {
  const { pglite: snapshots, postgres } = inject("tesseraTestDb");
  if (!postgres) {
    const pglite = await loadPGliteSnapshot(state === "migrated" ? snapshots.migratedSnapshot : snapshots.emptySnapshot);
    return {
      backend: "pglite",
      url: undefined,
      pglite,
      query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
      prismaAdapter: () => new PrismaPGlite(pglite),
      migrationDatabase: () => pgliteMigrationDatabase(pglite, { description: "the test PGlite database" }),
      destroy: () => closePGliteWhenIdle(pglite),
    };
  }
  const name = randomDatabaseName("tessera_test");
  const url = await createPostgresDatabase(
    postgres.serverUrl,
    name,
    state === "migrated" ? postgres.template : undefined,
  );
  let queries: { pool: pg.Pool; connections: ReturnType<typeof watchConnections> } | undefined;
  const queryPool = () => {
    if (queries) return queries.pool;
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    // An idle connection that fails (the server ends it) is dropped by the pool, which then
    // emits 'error': with no listener, an uncaught exception that fails the whole run. Say so.
    pool.on("error", (error) => console.warn(`Test database ${name}, idle connection: ${error.message}`));
    queries = { pool, connections: watchConnections(pool) };
    return pool;
  };
  return {
    backend: "postgres",
    url,
    pglite: undefined,
    query: async <Row>(sql: string, params?: unknown[]) => (await queryPool().query(sql, params)).rows as Row[],
    prismaAdapter: () => new PrismaPg({ connectionString: url, max: POOL_SIZE }),
    migrationDatabase: () => postgresMigrationDatabase(url),
    async destroy() {
      if (queries) {
        await queries.pool.end();
        // pool.end() does not wait for the sessions to end: DROP … WITH (FORCE) then terminated
        // one still saying goodbye, and its client emitted that as an error (see watchConnections).
        await queries.connections.closed();
      }
      await dropPostgresDatabase(postgres.serverUrl, name);
    },
  };
}
