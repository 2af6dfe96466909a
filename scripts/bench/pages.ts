/**
 * Light pages, issue 8 §3 and §4:
 *
 *   npm run bench:pages                    200 timed renders per page after 30 to warm up
 *   npm run bench:pages -- --renders=500   more timed renders
 *
 * Builds for production if the sources changed, creates a throw-away database on the
 * PostgreSQL at 127.0.0.1:5432 (PAGES_POSTGRES_URL names another server), starts one `next
 * start` on it (port 3331), and seeds one person with an authenticator, three signed-in
 * sessions and 20 security events from several browsers (untimed). Then it prints:
 * - first-load JavaScript of the main pages, as a browser gets them (public, in the middle of
 *   a sign-in, signed in): the gzip size of every script file the HTML loads plus its inline
 *   scripts, split into the framework (Next.js and React, the same on every page) and the
 *   page's own, with the largest files; `nomodule` polyfills are listed apart, since no
 *   current browser fetches them;
 * - server render time of /security and /account for that person: sequential GETs, timed to
 *   the last byte of the body, median and p95, and the server's CPU ms per render (/proc).
 * Each figure is printed against bench/budget.json; exits 1 when one is over its budget.
 */
import type { AuditType } from "@/lib/audit/catalogue";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { against, printVerdicts, type Verdict } from "./lib/budget";
import { Browser, SIGNED_IN, Site } from "./lib/browser";
import { processTreeCpuMs } from "./lib/cpu";
import { kb, weighPage, type PageWeight } from "./lib/page-weight";
import { loadApp, migrateDatabase, seedPerson, type App } from "./lib/people";
import { appEnv, buildIfNeeded, serverLogErrors, startServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "./lib/servers";
import { percentile } from "./lib/tally";

const PORT = 3331;
const POSTGRES_URL = process.env.PAGES_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RENDERED = ["/security", "/account"];
const WEIGHED = { public: ["/sign-in", "/sign-up", "/forgot-password"], pending: ["/sign-in/verify"], signedIn: ["/security", "/account", "/projects"] };

/** The browsers the seeded person used: sessions and events show them as "Chrome on Windows"… */
const BROWSERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
];
const EVENT_TYPES: [AuditType, "success" | "failure"][] = [
  ["auth.sign_in", "success"],
  ["auth.sign_in", "failure"],
  ["two_factor.challenge_passed", "success"],
  ["two_factor.challenge_failed", "failure"],
  ["sudo.granted", "success"],
  ["session.revoked", "success"],
  ["recovery_codes.regenerated", "success"],
  ["password.changed", "success"],
  ["email_verification.enabled", "success"],
  ["login_code.sent", "success"],
];

function parseOptions(args: string[]) {
  const options = { renders: 200, warmup: 30 };
  for (const arg of args) {
    const [, name, value = ""] = /^--([a-z]+)=(\d+)$/.exec(arg) ?? [];
    if ((name === "renders" || name === "warmup") && Number(value) > 0) options[name] = Number(value);
    else throw new Error(`Unknown or malformed argument ${arg}. Options: --renders=N, --warmup=N.`);
  }
  return options;
}

/** One person as the pages see them: an authenticator, three browsers signed in, 20 recent events; and a sign-in of theirs still waiting for its code. */
async function seedVisitor(app: App, secret: string) {
  const [{ createSession, SESSION_MAX_AGE_SECONDS }, { recordAudit }] = await Promise.all([import("@/lib/auth/sessions"), import("@/lib/audit/record")]);
  const person = await seedPerson(app, "totp");
  const context = (n: number) => ({ ip: `203.0.113.${10 + n}`, userAgent: BROWSERS[n % BROWSERS.length]! });
  const now = Date.now();
  const sessions = [];
  for (let n = 0; n < 3; n++) sessions.push(await createSession(app.db, person.id, context(n), null, new Date(now - n * 3_600_000)));
  for (let n = 0; n < 20; n++) {
    const [type, outcome] = EVENT_TYPES[n % EVENT_TYPES.length]!;
    // Spread over the last days, newest first, so the page shows these 20 and not the seed's own.
    await recordAudit(app.db, { type, outcome, actorId: person.id, context: context(n), at: new Date(now - n * 5_400_000) });
  }
  const pending = await createSession(app.db, person.id, context(0), "two_factor");
  const cookie = (sid: string) => encode({ token: { sid }, secret, salt: SIGNED_IN, maxAge: SESSION_MAX_AGE_SECONDS });
  return { signedIn: await cookie(sessions[0]!.id), pending: await cookie(pending.id) };
}

type Timing = { pathname: string; median: number; p95: number; cpuMs: number; bytes: number };

/** `renders` sequential GETs after `warmup` untimed ones, each timed to the body's last byte. */
async function timeRenders(browser: Browser, server: Server, pathname: string, warmup: number, renders: number): Promise<Timing> {
  for (let n = 0; n < warmup; n++) await browser.get(pathname);
  const latencies: number[] = [];
  let bytes = 0;
  const cpuBefore = processTreeCpuMs(server.process.pid!);
  for (let n = 0; n < renders; n++) {
    const started = performance.now();
    const answer = await browser.get(pathname);
    latencies.push(performance.now() - started);
    if (answer.status !== 200) throw new Error(`${pathname} answered HTTP ${answer.status} during the timed renders; see ${server.log}.`);
    bytes = answer.text.length;
  }
  const cpuMs = (processTreeCpuMs(server.process.pid!) - cpuBefore) / renders;
  return { pathname, median: percentile(latencies, 50), p95: percentile(latencies, 95), cpuMs, bytes };
}

function printWeights(weights: [string, PageWeight][]): Verdict[] {
  const sum = (chunks: { gzipBytes: number }[]) => chunks.reduce((total, chunk) => total + chunk.gzipBytes, 0);
  console.log("\nFirst-load JavaScript, gzip -9 (KB = 1,000 bytes)");
  console.log(`  ${"page".padEnd(18)} ${"total".padStart(7)} ${"framework".padStart(10)} ${"own files".padStart(10)} ${"inline".padStart(7)}   own files, largest first   (nomodule polyfills, not fetched)`);
  for (const [pathname, weight] of weights) {
    const own = weight.scripts.filter((chunk) => !chunk.framework).sort((a, b) => b.gzipBytes - a.gzipBytes);
    const cells = [weight.totalGzipBytes, sum(weight.scripts.filter((chunk) => chunk.framework)), sum(own), weight.inlineGzipBytes].map((bytes, n) => kb(bytes).toFixed(1).padStart(n === 0 ? 7 : n === 3 ? 7 : 10));
    const largest = own.slice(0, 4).map((chunk) => kb(chunk.gzipBytes).toFixed(1)).join(" + ") + (own.length > 4 ? ` + ${own.length - 4} more` : "");
    console.log(`  ${pathname.padEnd(18)} ${cells.join(" ")}   ${largest.padEnd(26)} (${kb(sum(weight.noModule)).toFixed(1)})`);
  }
  const verdicts = weights.flatMap(([pathname, weight]) => against("firstLoadJsGzipKb", pathname, kb(weight.totalGzipBytes)) ?? []);
  // What the app itself ships (its files and inline scripts), the share later work moves.
  const ownVerdicts = weights.flatMap(([pathname, weight]) => {
    const own = sum(weight.scripts.filter((chunk) => !chunk.framework)) + weight.inlineGzipBytes;
    return against("ownJsGzipKb", pathname, kb(own), `${pathname}, the app's own`) ?? [];
  });
  // Said outright, since no change to the app's own code can bring such a page within budget.
  const framework = Math.max(...weights.map(([, weight]) => sum(weight.scripts.filter((chunk) => chunk.framework))));
  const floorOver = verdicts.filter((verdict) => verdict.limit.max !== undefined && kb(framework) > verdict.limit.max);
  if (floorOver.length > 0) console.log(`  Note: the framework alone is ${kb(framework).toFixed(1)} KB, over the budget of ${floorOver.map((verdict) => verdict.label).join(" and ")}.`);
  return [...verdicts, ...ownVerdicts];
}

function printTimings(timings: Timing[], renders: number, load: string): Verdict[] {
  console.log(`\nServer render, ${renders} sequential GETs per page, to the body's last byte (load average during the run: ${load})`);
  for (const timing of timings) {
    console.log(
      `  ${timing.pathname.padEnd(10)} median ${timing.median.toFixed(1).padStart(5)} ms   p95 ${timing.p95.toFixed(1).padStart(5)} ms   server CPU ${timing.cpuMs.toFixed(1).padStart(4)} ms/render   HTML ${kb(timing.bytes).toFixed(1)} KB`,
    );
  }
  return timings.flatMap((timing) => against("renderMedianMs", timing.pathname, timing.median) ?? []);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const database = throwawayDatabase(POSTGRES_URL, "tessera_pages");
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-pages-"));
  const env = appEnv(database.url, PORT);
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
    app = await loadApp(env);
    await migrateDatabase(app, database.url);
    const cookies = await seedVisitor(app, env.AUTH_SECRET);
    // BENCH_CPU_PROFILE_DIR: the server writes a V8 CPU profile there when it stops (scripts/bench/profile.ts reads it).
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    server = startServer(PORT, env, logDir, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
    await waitForHealth(server);

    const site = new Site([PORT], BROWSERS[0]!);
    const as = (cookie: string | null) => {
      const browser = new Browser(site);
      if (cookie) browser.setCookie(SIGNED_IN, cookie);
      return browser;
    };
    const weights: [string, PageWeight][] = [];
    for (const [who, pathnames] of Object.entries(WEIGHED)) {
      const cookie = who === "signedIn" ? cookies.signedIn : who === "pending" ? cookies.pending : null;
      for (const pathname of pathnames) weights.push([pathname, await weighPage(as(cookie), pathname)]);
    }

    const before = os.loadavg()[0]!;
    const timings: Timing[] = [];
    for (const pathname of RENDERED) timings.push(await timeRenders(as(cookies.signedIn), server, pathname, options.warmup, options.renders));
    const load = `${before.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`;

    const verdicts = [...printWeights(weights), ...printTimings(timings, options.renders, load)];
    const ok = printVerdicts("Against the budget", verdicts);
    serverLogErrors([server]);
    if (!ok) console.log("\nOVER: a figure is over its budget.");
    return ok ? 0 : 1;
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
