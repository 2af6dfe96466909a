/**
 * The floor of a door check without Next.js (issue 12 §7): how fast our own code answers
 * POST /api/v1/projects/{id}/doors/{doorId}/checks when nothing but a bare Node server stands in
 * front of it.
 *
 *   npm run bench:door-floor                          every variant, concurrency 16 and 32, 10 s each
 *   npm run bench:door-floor -- --variants=inline,workers2 --concurrency=32 --seconds=15
 *   npm run bench:door-floor -- --variants=workers1 --profile=/tmp/floor-prof   V8 CPU profile of the server
 *
 * The same throw-away database, seeding and load as scripts/bench/access.ts (scripts/bench/lib/
 * access-load.ts: 100,000 access users with a card and an MFA code, a Card only and a Card + code
 * door, 40 % right code, 20 % wrong code, 40 % card only, through fetch). The server is
 * `http.createServer` calling the SAME domain functions as lib/api/define-api-route.ts does for
 * lib/api/endpoints/doors.ts checkDoorRoute: identifyApiKey and claimApiCall
 * (lib/api/authenticate.ts), the route's zod schemas (doorParams, doorCheckBody), checkDoor
 * (lib/access/door-check.ts) with the key as an api_key actor, and doorCheckJson. What it leaves
 * out is Next's per-request pipeline (routing, proxy.ts, Request/Response objects, headers) and
 * the wrapper's refusal paths (a refusal answers a bare status here, not problem+json, and is
 * not claimed or audited: the load never refuses).
 *
 * Variants (--variants=, comma-separated):
 *   inline           the server in this process, beside the load generator (CPU: process.cpuUsage,
 *                    so it counts the generator too; the "noop" calibration says how much)
 *   inline-socket    the same, the app's database pool over the Unix socket (/var/run/postgresql)
 *   workers1         one node:cluster worker serves the port (CPU: the worker's, from /proc:
 *                    the figure to compare with bench:access's server CPU)
 *   workers2         two node:cluster workers share the port (round robin)
 *   workers2-socket  two workers, pools over the Unix socket
 *   *-prepared       an experiment: the pool names every statement after a hash of its text
 *                    (@prisma/adapter-pg's statementNameGenerator), so pg prepares it once per
 *                    connection and PostgreSQL can keep its plan, instead of parsing and planning
 *                    each of the check's three statements on every call
 * Each prints checks/s, p50/p95/p99, the server's CPU per check, PostgreSQL's (the backends of
 * this database, and the whole server with its WAL writer), the load generator's, and the load
 * average (1 min) before and after.
 */
import cluster, { type Worker } from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { fire, ownerWithKey, seedAccess, type Sequence } from "./lib/access-load";
import { processTreeCpuMs } from "./lib/cpu";
import { loadApp, migrateDatabase, type App } from "./lib/people";
import { appEnv, assertPortFree, throwawayDatabase } from "./lib/servers";
import { describeCounts, percentile, Tally } from "./lib/tally";

const PORT = 3442;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SOCKET_DIR = process.env.BENCH_POSTGRES_SOCKET ?? "/var/run/postgresql";
const VARIANTS = ["inline", "inline-socket", "inline-prepared", "workers1", "workers2", "workers2-socket", "workers2-prepared"] as const;
/** The default list; any `inline` or `workersN`, optionally with `-socket` or `-prepared`, is accepted. */
type Variant = string;
const VARIANT = /^(inline|workers[1-9])(-socket|-prepared)?$/;

function options(args: string[]) {
  const found = { users: 100_000, seconds: 10, warmup: 2, concurrency: [16, 32], variants: [...VARIANTS] as Variant[], profile: null as string | null };
  for (const arg of args) {
    const [, name = "", value = ""] = /^--([a-z]+)=(.+)$/.exec(arg) ?? [];
    if (name === "users" || name === "seconds" || name === "warmup") found[name] = Number(value);
    else if (name === "concurrency") found.concurrency = value.split(",").map(Number);
    else if (name === "variants") found.variants = value.split(",") as Variant[];
    else if (name === "profile") found.profile = path.resolve(value);
    else throw new Error(`Unknown argument ${arg}. Options: --users=N --seconds=N --warmup=N --concurrency=16,32 --variants=${VARIANTS.join(",")} --profile=DIR`);
  }
  const bad = [found.users, found.seconds, found.warmup, ...found.concurrency].some((n) => !Number.isInteger(n) || n < 0) || found.variants.some((v) => !VARIANT.test(v));
  if (bad) throw new Error(`Malformed arguments: ${args.join(" ")}`);
  return found;
}

/** The same database over the Unix socket (local connections: no TCP, no loopback). */
function overSocket(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.hostname = "localhost";
  url.port = "";
  url.searchParams.set("host", SOCKET_DIR);
  return url.toString();
}

/**
 * The app's database client, replaced (lib/db setDb) by one on `databaseUrl` whose statements are
 * named (prepared once per connection) when `prepared`; the app's own pool size and options.
 */
async function useDb(databaseUrl: string, prepared: boolean) {
  const [{ PrismaPg }, { PrismaClient }, { setDb, POOL_SIZE, TRANSACTION_OPTIONS }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("@/lib/db/generated/client"),
    import("@/lib/db"),
  ]);
  const names = prepared ? { statementNameGenerator: (query: { sql: string }) => `t${crypto.createHash("sha1").update(query.sql).digest("hex").slice(0, 24)}` } : undefined;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: POOL_SIZE }, names), transactionOptions: TRANSACTION_OPTIONS });
  setDb(client);
  return client;
}

// ---------------------------------------------------------------------------------------------
// The floor server: what checkDoorRoute does, minus Next.

const ROUTE = /^\/api\/v1\/projects\/([^/]+)\/doors\/([^/]+)\/checks$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BODY_MAX = 1_048_576;

/** The handler, once lib/env can read the environment (the app's modules load only then). */
async function floorHandler(): Promise<http.RequestListener> {
  const [{ claimApiCall, identifyApiKey }, { checkDoor }, { doorCheckBody, doorCheckJson, doorParams }, { isJsonContentType }, { getEnv }, { AppError }] = await Promise.all([
    import("@/lib/api/authenticate"),
    import("@/lib/access/door-check"),
    import("@/lib/api/schemas/doors"),
    import("@/lib/api/request-body"),
    import("@/lib/env"),
    import("@/lib/errors"),
  ]);
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;

  const readBody = (request: http.IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > BODY_MAX) {
          resolve(null);
          request.destroy();
        } else chunks.push(chunk);
      });
      request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      request.on("error", reject);
    });

  return async (request, response) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      response.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
      response.end(text);
    };
    try {
      const url = (request.url ?? "").split("?")[0]!;
      // Calibration: the HTTP exchange alone (the same request, read and answered), no domain code.
      if (url === "/floor/noop") {
        const text = await readBody(request);
        return send(200, { granted: true, reason: "noop", echo: text?.length ?? 0 });
      }
      const match = request.method === "POST" ? ROUTE.exec(url) : null;
      if (!match) return send(404, { code: "not_found" });
      const now = new Date();
      const identified = await identifyApiKey(request.headers.authorization ?? null);
      if (identified.kind === "refused") return send(401, { code: "api_key_invalid" });
      const { key } = identified;
      // prepareCall's checks, in its order: project, scope, path ids, body.
      const projectId = match[1]!;
      if (!UUID.test(projectId) || projectId.toLowerCase() !== key.projectId) return send(404, { code: "not_found" });
      if (!key.scopes.includes("write")) return send(403, { code: "insufficient_scope" });
      const params = doorParams.safeParse({ doorId: match[2] });
      if (!params.success) return send(404, { code: "not_found" });
      if (!isJsonContentType(request.headers["content-type"] ?? null)) return send(415, { code: "unsupported_media_type" });
      const text = await readBody(request);
      if (text === null) return send(413, { code: "payload_too_large" });
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return send(400, { code: "invalid_json" });
      }
      const body = doorCheckBody.safeParse(raw);
      if (!body.success) return send(400, { code: "invalid_input" });
      // Next sets X-Forwarded-For from the socket; requestClientFrom then reads it.
      const ip = request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? null;
      const context = { ip, userAgent: request.headers["user-agent"]?.slice(0, 512) ?? null };
      const claim = await claimApiCall(key.id, ip, now, limit);
      if (claim.kind === "dead") return send(401, { code: "api_key_invalid" });
      if (claim.kind === "limited") return send(429, { code: "rate_limited" }, { "retry-after": String(claim.retryAfterSeconds) });
      const actor = { kind: "api_key" as const, projectId: key.projectId, keyId: key.id, createdById: key.createdById, scopes: key.scopes };
      const result = await checkDoor(actor, { doorId: params.data.doorId, ...body.data }, context, now);
      send(200, doorCheckJson(result), { "cache-control": "no-store, no-transform", "ratelimit-limit": String(claim.limit), "ratelimit-remaining": String(Math.max(0, claim.limit - claim.count)) });
    } catch (error) {
      if (error instanceof AppError) return send(error.code === "not_found" ? 404 : 400, { code: error.code });
      console.error("Unexpected error in the floor server:", error);
      if (!response.headersSent) send(500, { code: "unexpected" });
    }
  };
}

async function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, handler);
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
  return server;
}

// ---------------------------------------------------------------------------------------------
// CPU profiles (--profile=DIR): of the measured windows only, through the inspector.

let profiler: Session | null = null;

async function startProfile() {
  profiler = new Session();
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
  await profiler.post("Profiler.start");
}

async function stopProfile(file: string) {
  if (!profiler) return;
  const { profile } = await profiler.post("Profiler.stop");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  profiler.disconnect();
  profiler = null;
}

// ---------------------------------------------------------------------------------------------
// A cluster worker: the app's modules on the environment the primary forked it with, the server.

type ToWorker = { profile: "start" } | { profile: "stop"; file: string };

async function workerMain() {
  if (process.env.FLOOR_PREPARED === "1") await useDb(process.env.DATABASE_URL!, true);
  const server = await listen(await floorHandler());
  process.on("message", (message: ToWorker) => {
    const done = () => process.send?.({ profiled: message.profile });
    if (message.profile === "start") void startProfile().then(done);
    else void stopProfile(message.file).then(done);
  });
  process.on("SIGTERM", () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

function ask(worker: Worker, message: ToWorker): Promise<void> {
  return new Promise((resolve) => {
    const answer = (reply: { profiled?: string }) => {
      if (reply.profiled !== message.profile) return;
      worker.off("message", answer);
      resolve();
    };
    worker.on("message", answer);
    worker.send(message);
  });
}

// ---------------------------------------------------------------------------------------------
// The primary: seeding, the variants, the measurements.

/** CPU (ms) so far of each PostgreSQL backend serving `database`, and of the whole PostgreSQL server (its WAL writer and every database). */
async function postgresCpu(admin: pg.Client, database: string): Promise<{ backends: Map<number, number>; server: number }> {
  const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      backends.set(pid, processTreeCpuMs(pid));
    } catch {
      // gone meanwhile
    }
  }
  // The postmaster's pid file beside its socket (Debian's layout); without it, NaN.
  const pidFile = fs.existsSync(SOCKET_DIR) ? fs.readdirSync(SOCKET_DIR).find((name) => name.endsWith(".pid")) : undefined;
  const postmaster = pidFile ? Number(fs.readFileSync(path.join(SOCKET_DIR, pidFile), "utf8").split("\n")[0]) : NaN;
  return { backends, server: Number.isFinite(postmaster) ? processTreeCpuMs(postmaster) : NaN };
}

/** What the backends used between two readings: a backend opened meanwhile counts whole (one closed meanwhile is missed). */
const backendsBetween = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

const cpuOfThisProcess = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The same request shape as `fire`, answered without domain code: what HTTP and fetch cost in this process. */
async function fireNoop(port: number, seconds: number, concurrency: number, tally: Tally) {
  const deadline = performance.now() + seconds * 1000;
  const headers = { authorization: "Bearer tsk_000000000000_" + "x".repeat(43), "content-type": "application/json" };
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/floor/noop`, { method: "POST", headers, body: JSON.stringify({ facilityCode: 1, cardNumber: 4242, code: "123456" }) });
      const body = (await response.json()) as { reason: string };
      tally.add(String(response.status), body.reason, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

type Row = { variant: string; concurrency: number; rate: number; p50: number; p95: number; p99: number; errors: number; serverCpu: number; clientCpu: number | null; pgBackends: number; pgServer: number; load: [number, number] };

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  await assertPortFree(PORT);
  const database = throwawayDatabase(POSTGRES_URL, "tessera_floor");
  const env = { ...appEnv(database.url, PORT), API_RATE_LIMIT_PER_MINUTE: "1000000" };
  const socketUrl = overSocket(database.url);
  if (opts.variants.some((v) => v.endsWith("-socket")) && !fs.existsSync(path.join(SOCKET_DIR, ".s.PGSQL.5432"))) throw new Error(`No PostgreSQL socket in ${SOCKET_DIR} (BENCH_POSTGRES_SOCKET).`);
  let app: App | undefined;
  let created = false;
  let admin: pg.Client | undefined;
  let inline: http.Server | undefined;
  const workers: Worker[] = [];
  const stopWorkers = async () => {
    await Promise.all(workers.splice(0).map((worker) => new Promise((resolve) => (worker.isDead() ? resolve(null) : (worker.once("exit", resolve), worker.process.kill("SIGTERM"))))));
  };
  const stop = async () => {
    inline?.close();
    inline?.closeAllConnections();
    await stopWorkers();
    await admin?.end();
    admin = undefined;
    await app?.closeDb();
    if (created) await database.drop();
    created = false;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));

  const rows: Row[] = [];
  try {
    await database.create();
    created = true;
    app = await loadApp(env);
    await migrateDatabase(app, database.url);
    const { projectId, key } = await ownerWithKey(app, env);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const doors = await seedAccess(client, projectId, opts.users);
    await client.end();
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const sequence: Sequence = { n: 0, wrongCard: 0 };
    console.log(`\nNode ${process.version}, ${os.cpus().length} cores; ${opts.seconds} s per run after ${opts.warmup} s of warm-up`);

    const { setDb, getDb } = await import("@/lib/db");
    const tcpDb = getDb();
    const handler = await floorHandler();

    // Calibration: HTTP + fetch alone, in this process (what the inline variants' CPU includes besides our code).
    inline = await listen(handler);
    await fireNoop(PORT, opts.warmup, 32, new Tally());
    const noop = new Tally();
    const noopCpu = cpuOfThisProcess();
    const noopStarted = performance.now();
    await fireNoop(PORT, Math.min(5, opts.seconds), 32, noop);
    const noopRate = noop.latencies.length / ((performance.now() - noopStarted) / 1000);
    const noopMs = (cpuOfThisProcess() - noopCpu) / noop.latencies.length;
    console.log(`\nCalibration: bare http.createServer + fetch in one process, no domain code, concurrency 32: ${noopRate.toFixed(0)} requests/s, p99 ${percentile(noop.latencies, 99).toFixed(1)} ms, ${noopMs.toFixed(3)} ms CPU/request (server + generator)`);
    inline.close();
    inline.closeAllConnections();
    inline = undefined;

    for (const variant of opts.variants) {
      const socket = variant.endsWith("-socket");
      const prepared = variant.endsWith("-prepared");
      const workerCount = variant.startsWith("workers") ? Number(/^workers(\d+)/.exec(variant)![1]) : 0;
      let extraDb: Awaited<ReturnType<typeof useDb>> | undefined;
      if (workerCount === 0) {
        if (socket || prepared) extraDb = await useDb(socket ? socketUrl : database.url, prepared);
        inline = await listen(handler);
      } else {
        cluster.setupPrimary({ exec: process.argv[1]!, args: [], silent: false });
        const listening = Array.from({ length: workerCount }, () => {
          const worker = cluster.fork({ ...env, ...(socket ? { DATABASE_URL: socketUrl } : {}), FLOOR_WORKER: "1", FLOOR_PREPARED: prepared ? "1" : "0" });
          workers.push(worker);
          return new Promise<void>((resolve, reject) => {
            worker.once("listening", () => resolve());
            worker.once("exit", (code) => reject(new Error(`A floor worker exited (${code}) before listening.`)));
          });
        });
        await Promise.all(listening);
      }
      const serverCpu = () => (workerCount === 0 ? cpuOfThisProcess() : workers.reduce((sum, worker) => sum + processTreeCpuMs(worker.process.pid!), 0));
      for (const concurrency of opts.concurrency) {
        await fire({ port: PORT }, projectId, key, doors, opts.users, opts.warmup, concurrency, null, sequence);
        const tally = new Tally();
        const loadBefore = os.loadavg()[0]!;
        const profileFile = (who: string) => path.join(opts.profile ?? "", `floor-${variant}-c${concurrency}-${who}.cpuprofile`);
        if (opts.profile) await (workerCount === 0 ? startProfile() : Promise.all(workers.map((worker) => ask(worker, { profile: "start" }))));
        const pgBefore = await postgresCpu(admin, database.name);
        const cpuBefore = serverCpu();
        const clientBefore = cpuOfThisProcess();
        const started = performance.now();
        await fire({ port: PORT }, projectId, key, doors, opts.users, opts.seconds, concurrency, tally, sequence);
        const elapsed = (performance.now() - started) / 1000;
        const cpuMs = serverCpu() - cpuBefore;
        const clientMs = cpuOfThisProcess() - clientBefore;
        const pgAfter = await postgresCpu(admin, database.name);
        if (opts.profile) await (workerCount === 0 ? stopProfile(profileFile("inline")) : Promise.all(workers.map((worker, i) => ask(worker, { profile: "stop", file: profileFile(`worker${i + 1}`) }))));
        const checks = tally.latencies.length;
        const errors = [...tally.outcomes].filter(([outcome]) => !["card_and_code", "wrong_code", "card_only"].includes(outcome)).reduce((sum, [, count]) => sum + count, 0);
        const pgBackends = backendsBetween(pgBefore.backends, pgAfter.backends);
        const p = (q: number) => percentile(tally.latencies, q);
        const row: Row = {
          variant,
          concurrency,
          rate: checks / elapsed,
          p50: p(50),
          p95: p(95),
          p99: p(99),
          errors,
          serverCpu: cpuMs / checks,
          clientCpu: workerCount === 0 ? null : clientMs / checks,
          pgBackends: pgBackends / checks,
          pgServer: (pgAfter.server - pgBefore.server) / checks,
          load: [loadBefore, os.loadavg()[0]!],
        };
        rows.push(row);
        console.log(`\n${variant}, concurrency ${concurrency}, ${elapsed.toFixed(1)} s: ${checks.toLocaleString("en")} checks`);
        console.log(`  ${row.rate.toFixed(0)} checks/s   p50 ${row.p50.toFixed(1)} ms   p95 ${row.p95.toFixed(1)} ms   p99 ${row.p99.toFixed(1)} ms   errors ${errors}`);
        console.log(`  statuses: ${describeCounts(tally.statuses)}   outcomes: ${describeCounts(tally.outcomes)}`);
        console.log(
          `  CPU per check: ${workerCount === 0 ? `this process (server + load generator) ${row.serverCpu.toFixed(2)} ms` : `server (${workerCount} worker${workerCount > 1 ? "s" : ""}) ${row.serverCpu.toFixed(2)} ms, load generator ${row.clientCpu!.toFixed(2)} ms`}; ` +
            `PostgreSQL backends ${row.pgBackends.toFixed(2)} ms, whole PostgreSQL ${row.pgServer.toFixed(2)} ms`,
        );
        console.log(`  load average ${row.load[0].toFixed(2)} → ${row.load[1].toFixed(2)} on ${os.cpus().length} cores`);
      }
      if (inline) {
        inline.close();
        inline.closeAllConnections();
        inline = undefined;
      }
      await stopWorkers();
      if (extraDb) {
        setDb(tcpDb);
        await extraDb.$disconnect();
      }
    }

    console.log(`\nSummary (targets: ≥ 2,000 checks/s, p99 ≤ 20 ms; calibration: ${noopMs.toFixed(3)} ms CPU per bare HTTP exchange incl. the generator)`);
    console.log("  variant           conc   checks/s   p50    p95    p99   server ms  gen ms  pg ms  all-pg ms  load");
    for (const row of rows) {
      console.log(
        `  ${row.variant.padEnd(16)} ${String(row.concurrency).padStart(5)} ${row.rate.toFixed(0).padStart(10)} ${row.p50.toFixed(1).padStart(6)} ${row.p95.toFixed(1).padStart(6)} ${row.p99.toFixed(1).padStart(6)} ${row.serverCpu.toFixed(2).padStart(11)}${row.clientCpu === null ? "       —" : row.clientCpu.toFixed(2).padStart(8)} ${row.pgBackends.toFixed(2).padStart(6)} ${row.pgServer.toFixed(2).padStart(10)}  ${row.load[0].toFixed(2)}→${row.load[1].toFixed(2)}`,
      );
    }
    return rows.every((row) => row.errors === 0) ? 0 : 1;
  } finally {
    await stop();
  }
}

if (cluster.isWorker && process.env.FLOOR_WORKER === "1") {
  workerMain().catch((error) => {
    console.error(error);
    process.exit(2);
  });
} else {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
