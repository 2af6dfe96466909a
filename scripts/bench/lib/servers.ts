/**
 * The machinery the benchmarks share around the app: a throw-away PostgreSQL database, a
 * production build when the sources changed, and `next start` processes on it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);

/** A database of its own on the PostgreSQL server at `serverUrl`, named `<prefix>_<random>`. */
export function throwawayDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  return {
    name,
    url: withDatabase(serverUrl, name),
    create: () => onPostgresServer(serverUrl, `CREATE DATABASE "${name}"`),
    drop: () => onPostgresServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    /** A statement on the server (not inside the database), such as ALTER DATABASE. */
    run: (statement: string) => onPostgresServer(serverUrl, statement),
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onPostgresServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * What a benchmark's `next start` runs with: its database, its address and fresh secrets that the
 * script shares (to mint cookies and seed secrets itself). APP_ENV=development: no mail provider.
 */
export function appEnv(databaseUrl: string, port: number) {
  return {
    DATABASE_URL: databaseUrl,
    APP_ENV: "development",
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** Builds when the sources are newer than the last build, as scripts/start.ts decides. */
export function buildIfNeeded() {
  const sources = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs"];
  const newest = (entry: string): number => {
    const stat = fs.statSync(path.join(root, entry), { throwIfNoEntry: false });
    if (!stat) return 0;
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...fs.readdirSync(path.join(root, entry)).map((name) => newest(path.join(entry, name))));
  };
  const built = fs.statSync(path.join(root, ".next/BUILD_ID"), { throwIfNoEntry: false });
  if (built && Math.max(...sources.map(newest)) <= built.mtimeMs) return;
  console.log("Building for production (next build)…");
  const result = spawnSync("npx", ["--no-install", "next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status}).`);
}

/** A server process of a benchmark, and the path that answers 2xx once it is ready. */
export type Server = { port: number; process: ChildProcess; log: string; healthPath: string };

/**
 * `next start` on `port` with `env` on top of this process's environment; its output goes to
 * `<logDir>/server-<port>.log`. `nodeArgs` go to Node itself (`--cpu-prof` is refused in NODE_OPTIONS).
 */
export function startServer(port: number, env: Record<string, string>, logDir: string, nodeArgs: string[] = []): Server {
  // Node runs Next directly (as scripts/start.ts does), so SIGTERM reaches the server itself.
  const nextBin = require.resolve("next/dist/bin/next");
  return startNodeServer({ port, args: [...nodeArgs, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], env, logDir, healthPath: "/api/health" });
}

/** `node <args>` in `cwd`, with `env` and PORT on top of this process's environment; its output goes to `<logDir>/server-<port>.log`. */
export function startNodeServer(options: { port: number; args: string[]; env: Record<string, string>; logDir: string; healthPath: string; cwd?: string }): Server {
  const { port, args, env, logDir, healthPath, cwd = root } = options;
  const log = path.join(logDir, `server-${port}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return { port, process: child, log, healthPath };
}

/**
 * Refuses a port something already listens on: the benchmarks use fixed ports, and a second
 * run on the same machine would otherwise measure (and stop) the first one's server.
 */
export async function assertPortFree(port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (inUse) throw new Error(`Port ${port} is already in use: is another benchmark running? Stop it first.`);
}

export async function waitForHealth(server: Server, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`The server on port ${server.port} exited (${server.process.exitCode}); see ${server.log}.`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}${server.healthPath}`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server on port ${server.port} did not answer ${server.healthPath} within ${timeoutMs / 1000} s; see ${server.log}.`);
}

export async function stopServer(server: Server): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  const timer = setTimeout(() => server.process.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Lines of a server's log that mention errors, for the end of a run. */
export function serverLogErrors(servers: Server[]): void {
  for (const server of servers) {
    const lines = fs.readFileSync(server.log, "utf8").split("\n");
    const errors = lines.filter((line) => /error|P20\d\d|deadlock/i.test(line));
    console.log(`Server ${server.port}: ${errors.length} log line(s) mentioning errors (${server.log})`);
    for (const line of errors.slice(0, 5)) console.log(`   ${line.slice(0, 200)}`);
  }
}
