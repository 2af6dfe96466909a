/**
 * CSV import of access users at scale (issue 12 §5: 100,000 rows in ≤ 30 s): seeds a project,
 * writes a 100,000-row file (each person one card and one MFA code), then runs the preview and
 * the import through lib/access/csv-import*.ts exactly as the import page does (one call per
 * batch of 1,000), and prints rows, seconds, rows/s and the peak RSS.
 *
 *   npm run bench:access-import                      # PostgreSQL on 127.0.0.1:5432 (a throw-away database)
 *   BENCH_DATABASE_URL=postgres://… npm run bench:access-import
 *   BENCH_EMBEDDED=1 npm run bench:access-import     # embedded PGlite in a temp folder
 *   BENCH_ROWS=20000 …                               # another size
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

process.env.APP_ENV = "test";
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const embedded = process.env.BENCH_EMBEDDED === "1";
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const tempDir = embedded ? fs.mkdtempSync(path.join(os.tmpdir(), "tessera-bench-")) : null;
let dropDatabase: (() => Promise<void>) | null = null;
if (tempDir) {
  process.env.DATA_DIR = tempDir;
  delete process.env.DATABASE_URL;
} else {
  const name = `bench_access_import_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

try {
  const { applyMigrations, openMigrationTarget } = await import("@/lib/db/migrate");
  const target = openMigrationTarget();
  await applyMigrations(target, { migrationsDir: path.resolve("prisma/migrations") });
  await target.close();

  const { db, closeDb } = await import("@/lib/db");
  const { previewAccessImport, getAccessImport } = await import("@/lib/access/csv-import");
  const { importAccessBatch } = await import("@/lib/access/csv-import-batch");
  const context = { ip: "127.0.0.1", userAgent: "bench" };

  const owner = await db.user.create({ data: { name: "Bench owner", email: `bench-${crypto.randomUUID()}@example.test`, passwordHash: "x", emailVerifiedAt: new Date() } });
  const project = await db.project.create({ data: { name: "Bench site", members: { create: [{ userId: owner.id, role: "owner" }] } } });
  const actor = { kind: "member" as const, projectId: project.id, userId: owner.id, projectRole: "owner" as const, accessRole: null };

  const lines = ["external_id,name,email,status,cards,entry_code,mfa_codes"];
  for (let i = 0; i < ROWS; i++) lines.push(`emp-${i},Person ${i},person${i}@example.com,active,${i % 65_536}:${i},,${String(100_000 + ((i * 7_919) % 900_000))}`);
  const bytes = new TextEncoder().encode(lines.join("\r\n") + "\r\n");

  const seconds = (since: number) => (performance.now() - since) / 1000;
  const run = async (label: string) => {
    let started = performance.now();
    const { importId } = await previewAccessImport(actor, { name: "bench.csv", bytes }, context);
    const previewSeconds = seconds(started);
    const summary = await getAccessImport(actor, importId);
    if (summary.errorCount) throw new Error(`preview found ${summary.errorCount} errors: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    started = performance.now();
    let batches = 0;
    for (let step = await importAccessBatch(actor, importId, context); ; step = await importAccessBatch(actor, importId, context)) {
      batches++;
      if (step.state === "done") break;
    }
    const importSeconds = seconds(started);
    console.log(
      `${label}: ${ROWS.toLocaleString("en")} rows (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB), ${batches} batches — ` +
        `preview ${previewSeconds.toFixed(2)} s, import ${importSeconds.toFixed(2)} s (${Math.round(ROWS / importSeconds).toLocaleString("en")} rows/s), ` +
        `total ${(previewSeconds + importSeconds).toFixed(2)} s`,
    );
  };

  console.log(`access import bench on ${embedded ? "embedded PGlite" : "PostgreSQL"}, ${os.availableParallelism()} cores, Node ${process.version}`);
  await run("first import (all new)");
  await run("same file again (nothing changes)");
  const [counts] = await db.$queryRaw<{ users: bigint; cards: bigint; codes: bigint }[]>`
    SELECT (SELECT count(*) FROM "AccessUser") AS users, (SELECT count(*) FROM "AccessCard") AS cards, (SELECT count(*) FROM "AccessCode") AS codes`;
  console.log(`rows in the database: ${counts!.users} access users, ${counts!.cards} cards, ${counts!.codes} codes`);
  console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  await closeDb();
} finally {
  clearInterval(sampler);
  await dropDatabase?.();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
}
