/**
 * Door checks through the REST API at scale (issue 12 §7):
 *
 *   npm run bench:access                         100,000 access users, 15 s of checks at concurrency 32
 *   npm run bench:access -- --users=20000 --seconds=10 --concurrency=16
 *
 * On a throw-away PostgreSQL database (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * dropped afterwards; migrations as scripts/db.ts applies them) it seeds N access users, each
 * with a badge card and an MFA code (set-based inserts: codes sealed and digested by the app's
 * own lib/access/codes.ts, 1,000 distinct codes shared as Verkada allows), a door in "Card only"
 * and a door in "Card + code" all week; builds for production if the sources changed; starts
 * `next start` (port 3441) with a high API_RATE_LIMIT_PER_MINUTE; creates an API key through the
 * app's createApiKey; then fires POST /api/v1/projects/{id}/doors/{doorId}/checks for the given
 * time: 40 % right code, 20 % wrong code (each on another card, so no card locks), 40 % card
 * only. Prints checks/s, p50/p95/p99 latency, the outcomes and errors, the server's CPU per check.
 * When lib/access/csv-import.ts exists (the CSV part), its own benchmark times a 100,000-row import.
 * Targets: ≥ 2,000 checks/s, p99 ≤ 20 ms.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { processTreeCpuMs } from "./lib/cpu";
import { loadApp, migrateDatabase, seedPerson, type App } from "./lib/people";
import { appEnv, assertPortFree, buildIfNeeded, root, serverLogErrors, startServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "./lib/servers";
import { describeCounts, percentile, Tally } from "./lib/tally";

const PORT = 3441;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DISTINCT_CODES = 1_000;

function options(args: string[]) {
  const found = { users: 100_000, seconds: 15, concurrency: 32, warmup: 2, asyncCommit: false };
  for (const arg of args) {
    // An experiment, not the figure: every commit of the database without waiting for its WAL flush.
    if (arg === "--async-commit") {
      found.asyncCommit = true;
      continue;
    }
    const [, name, value = ""] = /^--([a-z]+)=(\d+)$/.exec(arg) ?? [];
    if (name && name in found && name !== "asyncCommit" && Number(value) > 0) (found as Record<string, number | boolean>)[name] = Number(value);
    else throw new Error(`Unknown or malformed argument ${arg}. Options: --users=N --seconds=N --concurrency=N --warmup=N`);
  }
  return found;
}

const codeOf = (n: number) => String(100_000 + (n % DISTINCT_CODES));

/** N access users with a card (facility 1, card n) and an MFA code each, in batches of 10,000 rows per statement. */
async function seedAccess(client: pg.Client, projectId: string, users: number) {
  const { sealAccessCode } = await import("@/lib/access/codes");
  const started = performance.now();
  await client.query("SET synchronous_commit = off");
  for (let start = 1; start <= users; start += 10_000) {
    const end = Math.min(users, start + 9_999);
    const n = end - start + 1;
    const userIds: string[] = [], codeIds: string[] = [], sealed: string[] = [], digests: string[] = [];
    for (let i = start; i <= end; i++) {
      const codeId = crypto.randomUUID();
      const box = sealAccessCode(projectId, codeId, codeOf(i));
      userIds.push(crypto.randomUUID());
      codeIds.push(codeId);
      sealed.push(box.sealed);
      digests.push(box.digest);
    }
    await client.query(
      `INSERT INTO "AccessUser" ("id", "projectId", "name", "externalId", "updatedAt")
       SELECT u, $1, 'Person ' || ($3::int + o - 1), 'emp-' || ($3::int + o - 1), now() FROM unnest($2::text[]) WITH ORDINALITY AS t(u, o)`,
      [projectId, userIds, start],
    );
    await client.query(
      `INSERT INTO "AccessCard" ("id", "projectId", "accessUserId", "facilityCode", "cardNumber")
       SELECT gen_random_uuid()::text, $1, u, 1, $3::int + o - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(u, o)`,
      [projectId, userIds, start],
    );
    await client.query(
      `INSERT INTO "AccessCode" ("id", "projectId", "accessUserId", "kind", "sealed", "digest", "length", "updatedAt")
       SELECT c, $1, u, 'mfa', s, d, 6, now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(c, u, s, d)`,
      [projectId, codeIds, userIds, sealed, digests],
    );
    if (end % 50_000 === 0 || end === users) console.log(`  ${end.toLocaleString("en")} access users (${n} in the last batch), ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const week = (mode: string) => JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00", mode })));
  const doors = await client.query<{ id: string; name: string }>(
    `INSERT INTO "Door" ("id", "projectId", "name", "schedule", "updatedAt") VALUES (gen_random_uuid()::text, $1, 'Lobby', $2::jsonb, now()), (gen_random_uuid()::text, $1, 'Lab', $3::jsonb, now()) RETURNING "id", "name"`,
    [projectId, week("card_only"), week("card_and_code")],
  );
  await client.query(`VACUUM (ANALYZE) "AccessUser", "AccessCard", "AccessCode", "Door"`);
  console.log(`Seeded ${users.toLocaleString("en")} access users with cards and MFA codes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return Object.fromEntries(doors.rows.map((row) => [row.name, row.id])) as { Lobby: string; Lab: string };
}

async function ownerWithKey(app: App, env: Record<string, string>) {
  const [{ createProject }, { createApiKey }] = await Promise.all([import("@/lib/projects/projects"), import("@/lib/api/keys")]);
  const person = await seedPerson(app, "password");
  const session = await app.db.session.create({ data: { userId: person.id, verifiedAt: new Date(), verifiedMethod: "password", expiresAt: new Date(Date.now() + 3_600_000) } });
  const actor = { userId: person.id, sessionId: session.id };
  const context = { ip: "127.0.0.1", userAgent: "tessera-bench (seed)" };
  const project = await createProject(actor, "Bench access", context);
  const key = await createApiKey(actor, project.id, { name: "bench", scopes: ["read", "write"], expiresInDays: null }, context);
  void env;
  return { projectId: project.id, key: key.key };
}

type Check = { door: string; body: { facilityCode: number; cardNumber: number; code?: string }; expect: string };

async function fire(server: Server, projectId: string, key: string, doors: { Lobby: string; Lab: string }, users: number, seconds: number, concurrency: number, tally: Tally | null) {
  let n = 0;
  let wrongCard = 0;
  const next = (): Check => {
    const i = n++;
    const card = 1 + ((i * 7_919) % users);
    const kind = i % 10;
    if (kind < 4) return { door: doors.Lab, body: { facilityCode: 1, cardNumber: card, code: codeOf(card) }, expect: "card_and_code" };
    if (kind < 6) {
      const other = 1 + ((wrongCard++ * 104_729) % users);
      return { door: doors.Lab, body: { facilityCode: 1, cardNumber: other, code: "000000" }, expect: "wrong_code" };
    }
    return { door: doors.Lobby, body: { facilityCode: 1, cardNumber: card }, expect: "card_only" };
  };
  const deadline = performance.now() + seconds * 1000;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const worker = async () => {
    while (performance.now() < deadline) {
      const check = next();
      const started = performance.now();
      let status = "no answer";
      let outcome = "error";
      try {
        const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/projects/${projectId}/doors/${check.door}/checks`, { method: "POST", headers, body: JSON.stringify(check.body) });
        status = String(response.status);
        const body = (await response.json()) as { reason?: string; code?: string };
        outcome = response.ok ? (body.reason === check.expect ? body.reason! : `unexpected ${body.reason}`) : `refused ${body.code}`;
      } catch (error) {
        outcome = `error ${(error as Error).message}`;
      }
      tally?.add(status, outcome, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  await assertPortFree(PORT);
  const database = throwawayDatabase(POSTGRES_URL, "tessera_access");
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-access-"));
  const env = { ...appEnv(database.url, PORT), API_RATE_LIMIT_PER_MINUTE: "1000000" };
  let app: App | undefined;
  let server: Server | undefined;
  let created = false;
  const stop = async () => {
    if (server) await stopServer(server);
    await app?.closeDb();
    if (created) await database.drop();
    created = false;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));
  console.log(`Server log in ${logDir}`);
  try {
    buildIfNeeded();
    await database.create();
    created = true;
    if (opts.asyncCommit) await database.run(`ALTER DATABASE "${database.name}" SET synchronous_commit = off`);
    app = await loadApp(env);
    await migrateDatabase(app, database.url);
    const { projectId, key } = await ownerWithKey(app, env);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const doors = await seedAccess(client, projectId, opts.users);
    await client.end();

    // BENCH_CPU_PROFILE_DIR: the server writes a V8 CPU profile there when it stops (scripts/bench/profile.ts reads it).
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    server = startServer(PORT, env, logDir, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
    await waitForHealth(server);
    await fire(server, projectId, key, doors, opts.users, opts.warmup, opts.concurrency, null);
    const tally = new Tally();
    const load = os.loadavg()[0]!;
    const cpuBefore = processTreeCpuMs(server.process.pid!);
    const started = performance.now();
    await fire(server, projectId, key, doors, opts.users, opts.seconds, opts.concurrency, tally);
    const elapsed = (performance.now() - started) / 1000;
    const cpuMs = processTreeCpuMs(server.process.pid!) - cpuBefore;
    const checks = tally.latencies.length;
    const errors = [...tally.outcomes].filter(([outcome]) => !["card_and_code", "wrong_code", "card_only"].includes(outcome)).reduce((sum, [, count]) => sum + count, 0);
    const rate = checks / elapsed;
    const p = (q: number) => percentile(tally.latencies, q);
    if (opts.asyncCommit) console.log("\n(experiment: synchronous_commit = off for this database)");
    console.log(`\nDoor checks through POST /api/v1/projects/{id}/doors/{doorId}/checks, ${opts.users.toLocaleString("en")} access users, concurrency ${opts.concurrency}, ${elapsed.toFixed(1)} s`);
    console.log(`  ${checks.toLocaleString("en")} checks: ${rate.toFixed(0)} checks/s   p50 ${p(50).toFixed(1)} ms   p95 ${p(95).toFixed(1)} ms   p99 ${p(99).toFixed(1)} ms   errors ${errors}`);
    console.log(`  statuses: ${describeCounts(tally.statuses)}`);
    console.log(`  outcomes: ${describeCounts(tally.outcomes)}`);
    console.log(`  server CPU ${(cpuMs / checks).toFixed(2)} ms/check (Next.js + the app, not PostgreSQL); load average ${load.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
    console.log(`  targets: ≥ 2,000 checks/s ${rate >= 2000 ? "MET" : "MISSED"}, p99 ≤ 20 ms ${p(99) <= 20 ? "MET" : "MISSED"}`);
    serverLogErrors([server]);

    // The CSV part's import benchmark, when that part is here (scripts/bench/access-import.ts, `npm run bench:access-import`).
    const importBench = path.join(root, "scripts/bench/access-import.ts");
    if (fs.existsSync(path.join(root, "lib/access/csv-import.ts")) && fs.existsSync(importBench)) {
      console.log("\nCSV import: running scripts/bench/access-import.ts …");
      const { spawnSync } = await import("node:child_process");
      spawnSync(process.execPath, ["--import", "tsx", importBench], { cwd: root, stdio: "inherit", env: { ...process.env, BENCH_POSTGRES_URL: POSTGRES_URL } });
    } else {
      console.log("\nCSV import: lib/access/csv-import.ts is not in this tree; its 100,000-row import is timed by scripts/bench/access-import.ts once the CSV part is merged.");
    }
    return errors === 0 && tally.serverErrors() === 0 ? 0 : 1;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
