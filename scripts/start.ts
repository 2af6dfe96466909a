/**
 * `npm start`: builds if the sources changed, applies migrations, seeds demo accounts in
 * development, then serves on HOST:PORT (HOST defaults to 127.0.0.1 in development, 0.0.0.0 in
 * production). Without APP_ENV, an operator's NODE_ENV=production means
 * production; anything else is the zero-config development demo.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DatabaseLockedError, holdEmbeddedDatabase } from "@/lib/db/embedded";
import { ConfigError, parseEnv } from "@/lib/env";
import { listenNotice, nextStartArgs } from "@/lib/listen-address";

process.env.APP_ENV ??= process.env.NODE_ENV === "production" ? "production" : "development";
process.env.NEXT_TELEMETRY_DISABLED = "1";

let env;
try {
  env = parseEnv(process.env);
  // Before building: a second start on the same folder is refused at once. The migrations and
  // the server this script starts share the claim, and the server takes it over.
  if (!env.DATABASE_URL) holdEmbeddedDatabase(env.DATA_DIR, { forChildren: true });
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    console.error(`\nTessera cannot start.\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestChange(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const buildId = fs.statSync(".next/BUILD_ID", { throwIfNoEntry: false });
if (!buildId || Math.max(...SOURCES.map(newestChange)) > buildId.mtimeMs) {
  console.log("Building Tessera…");
  run("npx", ["--no-install", "next", "build"]);
}

run("npx", ["--no-install", "tsx", "scripts/prepare.ts"]);

console.log(`Tessera (${env.APP_ENV}) on ${env.APP_URL} — database: ${env.DATABASE_URL ? "PostgreSQL" : `embedded, in ${path.resolve(env.DATA_DIR)}`}`);
console.log(listenNotice(env));
// Node runs Next directly (no npx in between), so signals reach the server and it shuts down
// cleanly, giving the embedded database folder back.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const server = spawn(process.execPath, [nextBin, ...nextStartArgs(env)], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
