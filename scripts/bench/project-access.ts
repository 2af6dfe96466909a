/**
 * What enforcement adds to a project request: the access check's own work once the session is
 * read (every signed-in request reads it anyway): the joined query of membership, policy and the
 * person's methods, and the policy's verdict (lib/projects/access.ts readProjectAccess, which
 * loadProjectAccess runs once per request, cached across the layout and the page). Prints the
 * median and p90 over 1,000 runs and the SQL statements per run, with the session lookup beside
 * it for scale.
 *
 *   npx tsx scripts/bench/project-access.ts                       # embedded PGlite (temp folder)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench/project-access.ts
 *     (a throw-away database is created on that server and dropped afterwards)
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

process.env.APP_ENV = "test";
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const tempDir = serverUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tessera-bench-"));
let dropDatabase: (() => Promise<void>) | null = null;
if (tempDir) {
  process.env.DATA_DIR = tempDir;
  delete process.env.DATABASE_URL;
} else {
  const name = `bench_project_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}

const { applyMigrations, openMigrationTarget } = await import("@/lib/db/migrate");
const target = openMigrationTarget();
await applyMigrations(target, { migrationsDir: path.resolve("prisma/migrations") });
await target.close();

const { db, closeDb, setDb } = await import("@/lib/db");
const { findLiveSession } = await import("@/lib/auth/sessions");
const { readProjectAccess } = await import("@/lib/projects/access");
const { seedPerson, seedProject } = await import("@/test/project-people");

// Counts the statements a piece of work sends, through Prisma's query extension (every model and
// raw query passes through it), by handing the app the counting client.
let statements = 0;
setDb(db.$extends({ query: { $allOperations: ({ args, query }) => (statements++, query(args)) } }) as unknown as typeof db);

// A realistic neighbourhood: 20 projects of 25 members each, the measured person in all of them,
// everyone with an authenticator app; the measured project asks at every login, secure only.
const RUNS = 1_000;
const me = await seedPerson({ factors: ["totp", "sms"] });
const others = [];
for (let i = 0; i < 24; i++) others.push(await seedPerson({ factors: ["totp"] }));
const projects = [];
for (let p = 0; p < 20; p++) {
  const members = [{ person: me, role: "member" as const }, ...others.map((person, i) => ({ person, role: i === 0 ? ("owner" as const) : ("member" as const) }))];
  projects.push(await seedProject({ requiredLevel: p === 0 ? "every_login" : "once_per_computer", secureMethodsOnly: p === 0, members }));
}
const projectId = projects[0]!.id;

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(3)} ms   p90 ${at(0.9).toFixed(3)} ms   (${samples.length} runs)`;
};

async function measure(work: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await work(); // warm-up: connections, prepared plans, JIT
  const times: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    statements = 0;
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
    counts.push(statements);
  }
  return { times, counts };
}

const session = await findLiveSession(me.sessionId);
if (!session || session.pendingStep !== null) throw new Error("the bench session is not signed in");
const active = session as Parameters<typeof readProjectAccess>[0];
const check = await readProjectAccess(active, projectId);
if (check?.verdict.kind !== "allowed") throw new Error(`expected an allowed verdict, got ${JSON.stringify(check?.verdict)}`);

const access = await measure(() => readProjectAccess(active, projectId));
const stranger = await measure(() => readProjectAccess(active, crypto.randomUUID()));
const lookup = await measure(() => findLiveSession(me.sessionId));

const perRun = (counts: number[]) => `SQL statements per run: ${Math.min(...counts)}${Math.max(...counts) !== Math.min(...counts) ? `-${Math.max(...counts)}` : ""}`;
console.log(`node ${process.version}, ${os.availableParallelism()} cpus, ${serverUrl ? "PostgreSQL" : "embedded PGlite"}`);
console.log(`project access check + verdict (member)      ${stats(access.times)}   ${perRun(access.counts)}`);
console.log(`project access check (unknown project id)    ${stats(stranger.times)}   ${perRun(stranger.counts)}`);
console.log(`for scale: the session lookup every request  ${stats(lookup.times)}   ${perRun(lookup.counts)}`);

await closeDb();
if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
await dropDatabase?.();
