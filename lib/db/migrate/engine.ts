import fs from "node:fs/promises";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";

/**
 * Prisma's schema engine compiled to WebAssembly. We use it instead of the Prisma CLI because
 * the CLI downloads a native engine from the internet, which fails offline (see DESIGN.md).
 *
 * The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which Node
 * 20's ESM loader cannot do, so we import the JavaScript glue (`schema_engine_bg.js`) and
 * instantiate the `.wasm` next to it ourselves. The glue keeps the instance in a module-level
 * variable, so there is exactly one per process: load it once and share the promise.
 */
type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let loading: Promise<Bindings> | undefined;

export function loadSchemaEngine(): Promise<Bindings> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return loading;
}

async function instantiate(): Promise<Bindings> {
  // Resolve through Node (not import.meta.resolve) so this works the same under tsx and vitest.
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue: Bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await fs.readFile(gluePath.replace(/\.js$/, ".wasm"));
  // The module's only import namespace is the glue file itself, named as the bundler would.
  const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
  // The engine arms a 10-second guard timer when it starts and never clears it, which kept
  // `tsx scripts/db.ts migrate` alive for 10 s after finishing. Its timers only guard work
  // that is itself pending on a socket (PostgreSQL) or on promises (PGlite), so they need not
  // keep the process alive: unref them. (The import names carry a build hash, hence the prefix.)
  for (const name of Object.keys(imports).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/** Prisma's defaults when prisma.config.ts declares no external tables or enums. */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export type SchemaFile = { path: string; content: string };

export type EngineLog = (line: string) => void;

/**
 * The engine logs JSON lines (tracing events). They are noise for a CLI user ("Starting
 * schema-engine-wasm"), so they are dropped unless a caller wants them (DEBUG=schema-engine).
 */
const defaultLog: EngineLog = (line) => {
  if (process.env.DEBUG?.includes("schema-engine")) process.stderr.write(`${line.trim()}\n`);
};

export type OpenEngine = {
  engine: SchemaEngine;
  /** The engine's error as a message for people (see explain below). */
  explain(error: unknown): string;
};

/**
 * Starts an engine on a driver adapter factory. The engine asks the factory for connections
 * itself: `connect` for the target database as soon as it starts (it asks the server's version),
 * and `connectToShadowDb` when it must replay the migration history (`diff` from a migrations
 * directory). Call `engine.free()` when done.
 */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: { schemaFiles?: SchemaFile[]; log?: EngineLog } = {},
): Promise<OpenEngine> {
  const { SchemaEngine } = await loadSchemaEngine();
  const datamodels = options.schemaFiles?.map((file): [string, string] => [file.path, file.content]);
  const log = options.log ?? defaultLog;
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const explain = (error: unknown) => explainEngineError(error, bound.errorRegistry);
  try {
    const engine = await SchemaEngine.new({ datamodels }, (line: string) => log(line), bound);
    return { engine, explain };
  } catch (error) {
    throw new Error(explain(error), { cause: error });
  }
}

/**
 * Two quirks make raw engine errors unreadable:
 * - an exception thrown by our adapter (connection refused, a JavaScript bug) crosses into
 *   Rust as a number and comes back as "External error id#3"; the original is kept in the
 *   bound factory's error registry, so put its message back;
 * - messages end with a Rust span trace ("0: sql_schema_connector::… at …rs:113") that means
 *   nothing to a user, except that it is the only place naming the migration that failed.
 */
export function explainEngineError(
  error: unknown,
  registry?: { consumeError(id: number): { error: unknown } | undefined },
): string {
  const raw = error instanceof Error ? error.message : String(error);
  const failedMigration = /with migration_name="([^"]+)"/.exec(raw)?.[1];
  const message = raw
    .replace(/External error id#(\d+)/g, (text, id: string) => {
      const original = registry?.consumeError(Number(id))?.error;
      if (original === undefined) return text;
      return original instanceof Error ? original.message || String(original) : String(original);
    })
    .replace(/\n\s*0: \w+::[\s\S]*$/, "")
    .trim();
  return failedMigration && !message.includes(failedMigration)
    ? `Migration ${failedMigration} failed:\n${message}`
    : message;
}
