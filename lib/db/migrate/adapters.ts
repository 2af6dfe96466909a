import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { watchConnections } from "../pg-connections";

/**
 * A database the schema engine can migrate, plus the clean-up the engine never does itself
 * (it has no "close": connections it asked for stay open until we dispose them).
 */
export interface MigrationDatabase {
  /** For messages: "PostgreSQL database tessera on 127.0.0.1:5432", "embedded PGlite in …". */
  readonly description: string;
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * Disposes the connections handed to the engine so far (shadow databases included). Each
   * command calls it when done: the engine never does, and on PostgreSQL a leftover session
   * keeps Prisma's migration advisory lock, so the next command waited 10 s for it. Resolves
   * once those sessions have ended, so their locks are released by then.
   */
  disconnect(): Promise<void>;
  /** disconnect(), and close the database itself when this object opened it. */
  close(): Promise<void>;
}

/** Makes the throwaway database the engine replays the migration history on. */
export type ShadowFactory = () => Promise<PGlite>;

/**
 * The shadow database is always an in-memory PGlite, whatever the target: it works offline,
 * needs no CREATEDB right on a server, and speaks the same PostgreSQL dialect.
 */
export const inMemoryShadow: ShadowFactory = async () => {
  const pg = new PGlite();
  await pg.waitReady;
  return pg;
};

type ErrorFields = { code?: unknown; severity?: unknown; detail?: unknown; column?: unknown; hint?: unknown };

/**
 * Database errors from PGlite and node-postgres carry the same fields. Handed to the engine as
 * a "postgres" DriverAdapterError, they are recorded in `_prisma_migrations.logs` and reported
 * as database errors ("No such table: …"), as with Prisma's own engine, rather than as an
 * opaque JavaScript error.
 */
function toAdapterError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fields = error as Error & ErrorFields;
  if (typeof fields.code !== "string") return error;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return new DriverAdapterError({
    kind: "postgres",
    code: fields.code,
    severity: text(fields.severity) ?? "ERROR",
    message: error.message,
    detail: text(fields.detail),
    column: text(fields.column),
    hint: text(fields.hint),
  });
}

/**
 * Wraps an adapter to replace its `executeScript`, the call the engine uses to run a
 * migration.sql. Both stock adapters get it wrong for migrations:
 * - pglite-prisma-adapter 0.7 does not await `exec`, so a failing migration is recorded as
 *   applied and its error becomes an unhandled rejection;
 * - @prisma/adapter-pg splits the script on ";" (breaking `DO $$ … $$` bodies and string
 *   literals) and runs the pieces one by one on a pool, so a failure leaves half a migration.
 * Sending the whole script as one simple-protocol query is what Prisma's native engine does:
 * PostgreSQL then runs it as one implicit transaction, so a failed migration changes nothing.
 */
function withWholeScript(
  inner: SqlDriverAdapter,
  runScript: (script: string) => Promise<void>,
  dispose: () => Promise<void> = () => inner.dispose(),
): SqlDriverAdapter {
  // The engine disposes some connections itself (the shadow database) and close() disposes
  // all of them again, so disposing must be idempotent.
  let disposed: Promise<void> | undefined;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    getConnectionInfo: inner.getConnectionInfo ? () => inner.getConnectionInfo!() : undefined,
    executeScript: async (script) => {
      try {
        await runScript(script);
      } catch (error) {
        throw toAdapterError(error);
      }
    },
    dispose: () => (disposed ??= dispose()),
  };
}

/** Keeps every adapter the engine was given, so close() can release them all. */
function tracker() {
  const open = new Set<SqlDriverAdapter>();
  return {
    track(adapter: SqlDriverAdapter): SqlDriverAdapter {
      open.add(adapter);
      return adapter;
    },
    async disposeAll(): Promise<void> {
      const adapters = [...open];
      open.clear();
      // Disposal failures must not hide the migration's own outcome.
      await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
    },
  };
}

async function pgliteShadowAdapter(shadow: ShadowFactory): Promise<SqlDriverAdapter> {
  const pg = await shadow();
  const inner = await new PrismaPGlite(pg).connect();
  return withWholeScript(
    inner,
    async (script) => void (await pg.exec(script)),
    () => pg.close(),
  );
}

/**
 * A PGlite database (embedded on disk, or in memory for tests). `ownsDatabase` closes the
 * PGlite with the MigrationDatabase; leave it false when the caller keeps using it.
 */
export function pgliteMigrationDatabase(
  pg: PGlite,
  options: { description: string; ownsDatabase?: boolean; shadow?: ShadowFactory },
): MigrationDatabase {
  const adapters = tracker();
  const shadow = options.shadow ?? inMemoryShadow;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    async connect() {
      const inner = await new PrismaPGlite(pg).connect();
      // The PGlite itself outlives the adapter (it is closed by close() below, or by the caller).
      return adapters.track(withWholeScript(inner, async (script) => void (await pg.exec(script)), async () => {}));
    },
    async connectToShadowDb() {
      return adapters.track(await pgliteShadowAdapter(shadow));
    },
  };
  return {
    description: options.description,
    factory,
    disconnect: () => adapters.disposeAll(),
    async close() {
      await adapters.disposeAll();
      if (options.ownsDatabase) await pg.close();
    },
  };
}

/** Names a PostgreSQL URL for messages without printing its password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default)";
    return `PostgreSQL database ${database} on ${parsed.host}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}

/** A real PostgreSQL server through node-postgres, as the app uses it in production. */
export function postgresMigrationDatabase(
  url: string,
  options: { shadow?: ShadowFactory } = {},
): MigrationDatabase {
  const adapters = tracker();
  const shadow = options.shadow ?? inMemoryShadow;
  const prismaPg = new PrismaPg({ connectionString: url });
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      // Each connect() makes its own pg.Pool; disposing the adapter ends it.
      const inner = await prismaPg.connect();
      const pool = inner.underlyingDriver();
      const connections = watchConnections(pool);
      return adapters.track(
        withWholeScript(
          inner,
          async (script) => {
            const client = await pool.connect();
            // The pool listens for errors on idle connections only. A connection lost during
            // the script fails the query and also emits 'error', which with no listener is an
            // uncaught exception instead of a failed migration; keep it, and drop the client.
            let lost: Error | undefined;
            const onError = (error: Error) => void (lost ??= error);
            client.on("error", onError);
            try {
              await client.query(script); // no parameters: simple protocol, multi-statement
            } finally {
              client.removeListener("error", onError);
              client.release(lost);
            }
          },
          // Resolve only once the sessions are over: until then the last one may still hold
          // Prisma's advisory lock, and dropping the database would terminate it mid-goodbye.
          async () => {
            await inner.dispose();
            await connections.closed();
          },
        ),
      );
    },
    async connectToShadowDb() {
      return adapters.track(await pgliteShadowAdapter(shadow));
    },
  };
  return {
    description: describePostgresUrl(url),
    factory,
    disconnect: () => adapters.disposeAll(),
    close: () => adapters.disposeAll(),
  };
}

/**
 * For commands that only replay migrations on a shadow database (creating a migration): no
 * target database is needed, so there is nothing to lock, start or reach.
 *
 * The engine still connects to a "target" when it starts, to ask its PostgreSQL version, and
 * a fresh PGlite costs seconds (initdb). So the target is the in-memory PGlite that then
 * becomes the first shadow database: the version probe leaves it empty, and the engine uses
 * the target for nothing else in these commands.
 */
export function shadowOnlyDatabase(options: { shadow?: ShadowFactory } = {}): MigrationDatabase {
  const adapters = tracker();
  const shadow = options.shadow ?? inMemoryShadow;
  let spare: Promise<PGlite> | undefined;
  let spareTaken = false;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    async connect() {
      const pg = await (spare ??= shadow());
      const inner = await new PrismaPGlite(pg).connect();
      return adapters.track(withWholeScript(inner, async (script) => void (await pg.exec(script)), async () => {}));
    },
    async connectToShadowDb() {
      let source = shadow;
      if (spare && !spareTaken) {
        spareTaken = true;
        const taken = spare;
        source = () => taken;
      }
      return adapters.track(await pgliteShadowAdapter(source));
    },
  };
  return {
    description: "the shadow database",
    factory,
    disconnect: () => adapters.disposeAll(),
    async close() {
      await adapters.disposeAll();
      // A spare that failed to start has no database to close, and its error already went to
      // the engine through connect(): do not let it replace the error the command reports.
      const unused = spare && !spareTaken ? await spare.catch(() => undefined) : undefined;
      await unused?.close();
    },
  };
}
