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
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { fire, ownerWithKey, seedAccess } from "./lib/access-load";
import { processTreeCpuMs } from "./lib/cpu";
import { loadApp, migrateDatabase, type App } from "./lib/people";
import { appEnv, assertPortFree, buildIfNeeded, root, serverLogErrors, startServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "./lib/servers";
import { describeCounts, percentile, Tally } from "./lib/tally";

const PORT = 3441;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

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
