/**
 * The support console at scale (issue 11 §9): seeds N audit events (default 10,000,000) into a
 * PostgreSQL database of its own, then prints p50/p95 of the console's filtered page queries
 * (each filter alone and combined, first page and a deep page through the cursor), the chart's
 * query, and the export's rows per second and peak RSS (measured in a child process writing to
 * /dev/null).
 *
 *   npm run bench:audit                          # 10 M events, database bench_audit_10000000
 *   npm run bench:audit -- --events=200000       # fewer
 *   npm run bench:audit -- --fresh               # seed again even if the database exists
 *   npm run bench:audit -- --drop                # drop the database afterwards
 *   npm run bench:audit -- --no-export           # queries only
 *   BENCH_DATABASE_URL=postgres://… npm run bench:audit   (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * A seeded database is kept (seeding 10 M rows takes minutes) and reused by the next run with the
 * same N. The seed writes unsealed events (chain columns null) with INSERT … SELECT
 * generate_series, the indexes dropped during the load and built afterwards.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

const args = new Map(process.argv.slice(2).map((arg) => {
  const [key, value] = arg.replace(/^--/, "").split("=");
  return [key, value ?? "true"] as const;
}));
const EVENTS = Number(args.get("events") ?? 10_000_000);
if (!Number.isInteger(EVENTS) || EVENTS < 1_000) throw new Error("--events must be a whole number ≥ 1000");
const USERS = Math.max(100, Math.min(20_000, Math.round(EVENTS / 2_000)));
const PROJECTS = Math.max(20, Math.round(USERS / 3));
const IPS = Math.max(200, Math.round(EVENTS / 500));
const RUNS = Number(args.get("runs") ?? 60);

process.env.APP_ENV = "test";
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `bench_audit_${EVENTS}`;
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const exists = await withClient(serverUrl, async (admin) => {
  const found = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  if (found && args.has("fresh")) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  if (!found || args.has("fresh")) await admin.query(`CREATE DATABASE "${name}"`);
  return found && !args.has("fresh");
});
const seeded = exists && (await withClient(url.toString(), async (client) => {
  const meta = await client.query("SELECT to_regclass('bench_meta') IS NOT NULL AS ok");
  return meta.rows[0].ok && (await client.query("SELECT events FROM bench_meta")).rows[0]?.events === String(EVENTS);
}));

if (!seeded) {
  // A half-seeded database (an interrupted run) starts again.
  if (exists) await withClient(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  await seed();
}
if (args.has("seed-only")) process.exit(0);
await measure();
if (args.has("drop")) await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

async function seed() {
  const { applyMigrations, openMigrationTarget } = await import("@/lib/db/migrate");
  const target = openMigrationTarget();
  await applyMigrations(target, { migrationsDir: path.resolve("prisma/migrations") });
  await target.close();
  const { AUDIT_TYPES } = await import("@/lib/audit/catalogue");
  // ~20 types, the first ones most frequent (sign-ins outnumber factor changes).
  const common = ["auth.sign_in", "auth.sign_out", "mfa.challenge_passed", "mfa.challenge_failed"].filter((type) => (AUDIT_TYPES as string[]).includes(type));
  const types = [...new Set([...common, ...AUDIT_TYPES])].slice(0, 20);
  const started = performance.now();
  console.log(`Seeding ${EVENTS.toLocaleString("en")} events (${USERS} people, ${PROJECTS} projects, ${IPS} addresses, ${types.length} types) into ${name}…`);
  await withClient(url.toString(), async (client) => {
    await client.query("SET synchronous_commit = off");
    await client.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt")
      SELECT md5('u' || g)::uuid::text, 'bench-' || g || '@example.test', 'Person ' || g, 'x', now() FROM generate_series(1, $1::int) g`, [USERS]);
    await client.query(`INSERT INTO "Project" ("id", "name", "updatedAt")
      SELECT md5('p' || g)::uuid::text, 'Project ' || g, now() FROM generate_series(1, $1::int) g`, [PROJECTS]);
    // Built again after the load: one sort per index instead of 10 M random insertions each.
    const indexes = (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexname <> 'AuditEvent_pkey'`)).rows as { indexname: string; indexdef: string }[];
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
    // The seed's rows are unsealed, so the insert guard would pass them; replica mode skips the trigger's cost.
    await client.query("SET session_replication_role = replica");
    const CHUNK = 1_000_000;
    const startOfSeed = new Date().toISOString();
    for (let start = 1; start <= EVENTS; start += CHUNK) {
      const end = Math.min(EVENTS, start + CHUNK - 1);
      await client.query(`INSERT INTO "AuditEvent" ("id", "createdAt", "actorId", "subjectId", "projectId", "type", "outcome", "ip", "userAgent", "browserName", "osName", "metadata")
        SELECT gen_random_uuid()::text,
               -- a year of events written in time order, as the log grows (so the table is in time
               -- order on disk, as in production), on a 10 ms grid so several share a millisecond
               -- (a page boundary must not skip or repeat them)
               $7::timestamp(3) - interval '365 days' + (floor(g::float8 / $6::int * 365 * 8640000) * interval '10 milliseconds'),
               CASE WHEN r.actor < 0.9 THEN md5('u' || r.person)::uuid::text WHEN r.actor < 0.95 THEN md5('u' || (1 + floor(random() * $2::int)))::uuid::text END,
               md5('u' || r.person)::uuid::text,
               CASE WHEN r.inproject < 0.4 THEN md5('p' || (1 + floor(random() ^ 2 * $3::int)))::uuid::text END,
               ($5::text[])[1 + floor(random() ^ 1.5 * cardinality($5::text[]))::int],
               CASE WHEN random() < 0.15 THEN 'failure' ELSE 'success' END,
               '10.' || (r.ip / 65536) || '.' || ((r.ip / 256) % 256) || '.' || (r.ip % 256),
               (ARRAY['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1'])[1 + r.ua],
               (ARRAY['Safari', 'Chrome', 'Mobile Safari'])[1 + r.ua],
               (ARRAY['macOS', 'Windows', 'iOS'])[1 + r.ua],
               CASE WHEN r.actor < 0.5 THEN '{}'::jsonb ELSE jsonb_build_object('method', 'totp') END
        FROM (SELECT g, 1 + floor(random() ^ 2 * $2::int)::int AS person, random() AS actor, random() AS inproject,
                     floor(random() ^ 2 * $4::int)::int AS ip, floor(random() * 3)::int AS ua
              FROM generate_series($1::int, $8::int) g) r`, [start, USERS, PROJECTS, IPS, types, EVENTS, startOfSeed, end]);
      console.log(`  ${end.toLocaleString("en")} rows, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    await client.query("SET session_replication_role = origin");
  });
  await buildIndexes();
  await withClient(url.toString(), async (client) => {
    await client.query(`VACUUM (ANALYZE) "AuditEvent"`);
    await client.query(`VACUUM (ANALYZE) "User"`);
    await client.query(`CREATE TABLE bench_meta (events bigint)`);
    await client.query(`INSERT INTO bench_meta VALUES ($1)`, [EVENTS]);
  });
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** The AuditEvent indexes as the migrations define them (read from a fresh schema's catalogue). */
async function buildIndexes() {
  const started = performance.now();
  const definitions = await withClient(serverUrl, async (admin) => {
    const shape = `${name}_shape`;
    await admin.query(`DROP DATABASE IF EXISTS "${shape}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${shape}"`);
    const shapeUrl = new URL(serverUrl);
    shapeUrl.pathname = `/${shape}`;
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = shapeUrl.toString();
    const { applyMigrations, openMigrationTarget } = await import("@/lib/db/migrate");
    const target = openMigrationTarget();
    await applyMigrations(target, { migrationsDir: path.resolve("prisma/migrations") });
    await target.close();
    process.env.DATABASE_URL = saved;
    const rows = await withClient(shapeUrl.toString(), async (client) =>
      (await client.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexname <> 'AuditEvent_pkey'`)).rows as { indexdef: string }[]);
    await admin.query(`DROP DATABASE "${shape}" WITH (FORCE)`);
    return rows.map((row) => row.indexdef);
  });
  // Two connections build them side by side.
  const queue = [...definitions];
  await Promise.all([0, 1].map(() => withClient(url.toString(), async (client) => {
    await client.query("SET maintenance_work_mem = '1GB'");
    for (let next = queue.shift(); next; next = queue.shift()) await client.query(next);
  })));
  console.log(`  ${definitions.length} indexes built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function measure() {
  const { runAuditBench } = await import("./lib/audit-measure");
  await runAuditBench({ events: EVENTS, runs: RUNS, skipExport: args.has("no-export"), databaseUrl: url.toString(), spawnExport: (filterQuery: string) => exportInChild(filterQuery) });
}

/** Runs the export in a child process writing to /dev/null; its rows/s and peak RSS (kB from /usr/bin/time or the child's own report). */
function exportInChild(filterQuery: string): Promise<{ rows: number; seconds: number; maxRssMb: number; format: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/bench/lib/audit-export-child.ts"), filterQuery], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`export child exited ${code}`))));
  });
}
