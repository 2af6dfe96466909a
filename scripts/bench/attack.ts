/**
 * The attack run of issue 6 §1 ("Limits that hold under parallel requests"), over real HTTP:
 *
 *   npm run bench:attack                    every scenario (or: npx tsx scripts/bench/attack.ts)
 *   npm run bench:attack -- a f             only scenarios a and f (letters may repeat: a a a)
 *   npm run bench:attack -- --cold a        no warm-up: the first burst meets servers that just started
 *   npm run bench:attack -- --burst=1000 a  1000 wrong codes per burst in a–c instead of 200
 *
 * Builds for production if the sources changed, creates a fresh PostgreSQL database on
 * 127.0.0.1:5432 (user postgres, trust auth; ATTACK_POSTGRES_URL names another server),
 * starts two `next start` processes on it (ports 3311 and 3312), seeds people through Prisma,
 * then fires bursts of parallel requests exactly as a browser or an attacker sends them:
 * the sign-in and challenge forms as no-JavaScript form posts (multipart with the hidden
 * `$ACTION_…` inputs React renders), the sudo prompt (which only exists client-side) as the
 * React client's fetch call with a `Next-Action` header. Requests alternate between the two
 * servers. After each burst the database says how many codes and passwords were really
 * checked (one audit event per checked wrong code or password).
 *
 * Prints one line per scenario and a summary table; exits non-zero when a limit of
 * DESIGN.md rule 4 was exceeded or any answer was ≥ 500. The servers' logs stay in the
 * temporary folder it prints. It takes minutes on two cores.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import errorWords from "@/messages/en/errors.json";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

const PORTS = [3311, 3312];
const POSTGRES_URL = process.env.ATTACK_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE_NAME = `tessera_attack_${crypto.randomBytes(4).toString("hex")}`;
const DATABASE_URL = withDatabase(POSTGRES_URL, DATABASE_NAME);
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-attack-"));
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) tessera-attack-bench";
const PASSWORD = "correct horse battery staple, at length";
/** Wrong codes per burst in scenarios a–c: 200 as in the issue; `--burst=1000` pushes harder. */
const BURST = Number(/^--burst=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith("--burst=")) ?? "")?.[1] ?? 200);

/**
 * The script and both servers must agree on these: the servers encrypt TOTP secrets and sign
 * cookies with them, the script seeds secrets and reads what the servers wrote.
 * APP_ENV=development keeps emails in the OutboxMessage table, where the lock emails are
 * counted. SUDO_MINUTES=1 lets the script age a session out of sudo mode.
 */
const SHARED_ENV = {
  DATABASE_URL,
  APP_ENV: "development",
  APP_URL: `http://127.0.0.1:${PORTS[0]}`,
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  SUDO_MINUTES: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

// ───────────────────────────── tallies and figures ─────────────────────────────

/** What came back over HTTP in one phase: statuses, what the pages said, and how long it took. */
class Tally {
  statuses = new Map<string, number>();
  outcomes = new Map<string, number>();
  latencies: number[] = [];

  add(status: string, outcome: string, ms: number) {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.latencies.push(ms);
  }

  /** Answers ≥ 500, and requests that got no answer at all (both fail the run). */
  serverErrors(): number {
    return [...this.statuses].filter(([status]) => status === "no answer" || Number(status) >= 500).reduce((sum, [, n]) => sum + n, 0);
  }
}

const describeCounts = (counts: Map<string, number>) =>
  [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}×${n}`).join(" ") || "none";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One number of a scenario, with the limit it must keep (none for plain information). */
type Figure = { label: string; value: string; limit: string; ok: boolean };

const atMost = (label: string, value: number, max: number): Figure => ({ label, value: String(value), limit: `≤ ${max}`, ok: value <= max });
const exactly = (label: string, value: number, expected: number): Figure => ({ label, value: String(value), limit: `= ${expected}`, ok: value === expected });
const refused = (label: string, accepted: boolean): Figure => ({ label, value: accepted ? "accepted" : "refused", limit: "refused", ok: !accepted });
const info = (label: string, value: string | number): Figure => ({ label, value: String(value), limit: "", ok: true });

type ScenarioResult = { id: string; title: string; figures: Figure[]; setup: Tally; attack: Tally };

/** Every request is counted in the tally of the phase that is running (phases never overlap). */
let recording = new Tally();

// ───────────────────────────── a browser, over HTTP ─────────────────────────────

type Answer = { status: number; location: string | null; text: string };

/** The named inputs of one rendered <form>, with the values React rendered into them. */
type Form = Map<string, string>;

let nextServer = 0;
/** Requests alternate between the two servers, as a load balancer would spread them. */
const pickServer = () => `http://127.0.0.1:${PORTS[nextServer++ % PORTS.length]}`;

/**
 * A simulated browser: a cookie jar plus the requests a browser makes. Cookies ignore the
 * port (as in real browsers), so one jar serves both servers like one site.
 */
class Browser {
  private jar = new Map<string, string>();

  /** A second tab with the same cookies, that from now on keeps its own. */
  fork(): Browser {
    const copy = new Browser();
    copy.jar = new Map(this.jar);
    return copy;
  }

  hasCookie(name: string): boolean {
    return this.jar.has(name);
  }

  get(pathname: string): Promise<Answer> {
    return this.send(pathname, { method: "GET" });
  }

  /** GETs a page and returns its form that has an input called `field`. */
  async formOn(pathname: string, field: string): Promise<Form> {
    const page = await this.get(pathname);
    const form = formsIn(page.text).find((candidate) => candidate.has(field));
    if (!form) throw new Error(`No form with a "${field}" field on ${pathname} (HTTP ${page.status}).`);
    return form;
  }

  /**
   * Submits a server-action form the way a browser without JavaScript does: a multipart
   * POST to the page with every rendered input (React's hidden `$ACTION_…` inputs name the
   * action and its previous state) and what the person typed.
   */
  submitForm(pathname: string, form: Form, typed: Record<string, string>): Promise<Answer> {
    const body = new FormData();
    for (const [name, value] of form) body.append(name, typed[name] ?? value);
    for (const [name, value] of Object.entries(typed)) if (!form.has(name)) body.append(name, value);
    return this.send(pathname, { method: "POST", body }, outcomeOfPage);
  }

  /**
   * Calls a server action the way the React client does for a form it handles itself
   * (useActionState: the previous state, then the form's fields), encoded by React's own
   * encodeReply, with the action id in the `Next-Action` header.
   */
  async callAction(pathname: string, actionId: string, fields: Record<string, string>): Promise<Answer & { result: FormResult | null }> {
    const formData = new FormData();
    for (const [name, value] of Object.entries(fields)) formData.append(name, value);
    const body = await encodeReply([{}, formData]);
    const answer = await this.send(
      pathname,
      { method: "POST", body, headers: { "Next-Action": actionId, Accept: "text/x-component" } },
      (a) => actionResult(a.text)?.code ?? (actionResult(a.text)?.ok ? "ok" : `HTTP ${a.status}`),
    );
    return { ...answer, result: actionResult(answer.text) };
  }

  private async send(pathname: string, init: RequestInit, outcome: (answer: Answer) => string = (a) => `HTTP ${a.status}`): Promise<Answer> {
    const origin = pickServer();
    const headers = new Headers(init.headers);
    headers.set("User-Agent", USER_AGENT);
    if (this.jar.size > 0) headers.set("Cookie", [...this.jar].map(([name, value]) => `${name}=${value}`).join("; "));
    // Browsers send Origin on every POST; Next refuses server actions whose Origin is another host.
    if (init.method === "POST") headers.set("Origin", origin);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(origin + pathname, { ...init, headers, redirect: "manual" });
      text = await response.text();
    } catch (error) {
      recording.add("no answer", `no answer: ${(error as Error).message}`, performance.now() - started);
      return { status: 0, location: null, text: "" };
    }
    this.keepCookies(response.headers.getSetCookie());
    const location = response.headers.get("location");
    const answer = { status: response.status, location: location && new URL(location, origin).pathname + new URL(location, origin).search, text };
    recording.add(String(response.status), response.status >= 300 && response.status < 400 ? `→ ${answer.location}` : outcome(answer), performance.now() - started);
    return answer;
  }

  private keepCookies(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const expired = attributes.some(
        (attribute) => /^max-age=0$/i.test(attribute) || (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) <= Date.now()),
      );
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

const decodeEntities = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]!) : undefined;
}

function formsIn(html: string): Form[] {
  return [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map(
    ([, inner]) =>
      new Map(
        [...inner!.matchAll(/<input\b[^>]*>/g)].flatMap(([tag]) => {
          const name = attribute(tag, "name");
          return name ? [[name, attribute(tag, "value") ?? ""] as const] : [];
        }),
      ),
  );
}

/** The error code behind the message a re-rendered page shows in its alert, if any. */
function outcomeOfPage(answer: Answer): string {
  const alert = /role="alert"[^>]*>([^<]*)/.exec(answer.text)?.[1];
  if (!alert) return `HTTP ${answer.status}, no alert`;
  const text = decodeEntities(alert);
  // The English words up to their first placeholder identify the code (messages/en/errors.json).
  const code = Object.entries(errorWords).find(([, words]) => text.startsWith(words.split("{")[0]!))?.[0];
  return code ?? text.slice(0, 60);
}

type FormResult = { ok?: boolean; code?: string; sudo?: string; message?: string };

/**
 * The action's return value in a React Flight answer: row 0 is `{"a": <result>, …}`, where
 * the result is inline or a reference (`"$@1"`) to another row.
 */
function actionResult(flight: string): FormResult | null {
  const rows = new Map(
    flight.split("\n").flatMap((line) => {
      const match = /^([0-9a-f]+):(.*)$/.exec(line);
      return match ? [[match[1]!, match[2]!] as const] : [];
    }),
  );
  try {
    const result = (JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null)?.a;
    if (typeof result === "string" && result.startsWith("$@")) return JSON.parse(rows.get(result.slice(2)) ?? "null") as FormResult;
    return (result as FormResult | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * The ids of the server actions a page's JavaScript can call, by export name, read from its
 * script chunks as an attacker would (`createServerReference("<id>", …, "<name>")`).
 */
async function actionIdsOn(browser: Browser, pathname: string): Promise<Map<string, string>> {
  const page = await browser.get(pathname);
  const scripts = [...new Set([...page.text.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map(([, src]) => src!))];
  const ids = new Map<string, string>();
  for (const src of scripts) {
    const chunk = await browser.get(src);
    for (const [, id, name] of chunk.text.matchAll(/createServerReference\)\("([0-9a-f]+)",[^;]*?"(\w+)"\)/g)) ids.set(name!, id!);
  }
  return ids;
}

// ───────────────────────────── the app's side: database, servers, people ─────────────────────────────

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onPostgresServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Builds when the sources are newer than the last build, as scripts/start.ts decides. */
function buildIfNeeded() {
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

type Server = { port: number; process: ChildProcess; log: string };

function startServer(port: number): Server {
  const log = path.join(LOG_DIR, `server-${port}.log`);
  const out = fs.openSync(log, "a");
  // Node runs Next directly (as scripts/start.ts does), so SIGTERM reaches the server itself.
  const nextBin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...SHARED_ENV, PORT: String(port) },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  return { port, process: child, log };
}

async function waitForHealth(server: Server, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`The server on port ${server.port} exited (${server.process.exitCode}); see ${server.log}.`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server on port ${server.port} did not answer /api/health within ${timeoutMs / 1000} s; see ${server.log}.`);
}

async function stopServer(server: Server): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  const timer = setTimeout(() => server.process.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The app's own modules, loaded only after SHARED_ENV is in process.env: lib/env reads the
 * environment once and lib/db connects to whatever DATABASE_URL said then.
 */
async function loadApp() {
  Object.assign(process.env, SHARED_ENV);
  const [{ db, closeDb }, { hashPassword }, enrolment, { generateTotp }, migrate] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/auth/password"),
    import("@/lib/mfa/totp-enrolment"),
    import("@/lib/mfa/totp"),
    import("@/lib/db/migrate"),
  ]);
  return { db, closeDb, hashPassword, generateTotp, ...enrolment, ...migrate };
}
type App = Awaited<ReturnType<typeof loadApp>>;

type Person = { id: string; email: string; password: string; secret: string | null; recoveryCodes: string[] };

const seedContext = { ip: "127.0.0.1", userAgent: "tessera-attack-bench (seed)" };
let passwordHash: Promise<string> | undefined;

/**
 * A person with a verified email and the bench password, made directly in the database.
 * - "password": no second factor.
 * - "totp": an authenticator enrolled through the app's own enrolment (which also makes the
 *   recovery codes), five minutes ago, so the current code has not been used yet.
 * - "totp, no recovery codes": the same secret handling, activated directly: a recovery set
 *   costs 16 argon2 hashes, and the 256 people of the load scenario do not need one.
 */
async function seedPerson(app: App, kind: "password" | "totp" | "totp, no recovery codes"): Promise<Person> {
  passwordHash ??= app.hashPassword(PASSWORD);
  const tag = crypto.randomBytes(5).toString("hex");
  const user = await app.db.user.create({
    data: { name: `Bench ${tag}`, email: `bench-${tag}@example.test`, passwordHash: await passwordHash, emailVerifiedAt: new Date() },
  });
  const person: Person = { id: user.id, email: user.email, password: PASSWORD, secret: null, recoveryCodes: [] };
  if (kind === "password") return person;
  const enrolledAt = new Date(Date.now() - 5 * 60_000);
  // Enrolment needs sudo: a session that signed in just before.
  const session = await app.db.session.create({ data: { userId: user.id, verifiedAt: enrolledAt, verifiedMethod: "password", expiresAt: new Date(enrolledAt.getTime() + 3_600_000) } });
  const started = await app.startTotpEnrolment({ userId: user.id, sessionId: session.id }, enrolledAt);
  person.secret = started.setupKey.replace(/\s+/g, "");
  if (kind === "totp") {
    const confirmed = await app.confirmTotpEnrolment(user.id, { factorId: started.factorId, code: app.generateTotp(person.secret, enrolledAt) }, seedContext, enrolledAt);
    person.recoveryCodes = confirmed.recoveryCodes ?? [];
  } else {
    await app.db.twoFactorFactor.update({ where: { id: started.factorId }, data: { status: "active", confirmedAt: enrolledAt } });
  }
  return person;
}

// ───────────────────────────── what the database says ─────────────────────────────

const countEvents = (app: App, userId: string, type: string, where: object = {}) =>
  app.db.auditEvent.count({ where: { OR: [{ actorId: userId }, { subjectId: userId }], type, ...where } });

/** Wrong codes that were really compared: each writes one `two_factor.challenge_failed`. */
const checkedCodes = (app: App, person: Person) => countEvents(app, person.id, "two_factor.challenge_failed");

/** Wrong passwords that were really hashed: each writes one failure with reason "invalid_credentials". */
const checkedPasswords = (app: App, person: Person, type: "auth.sign_in" | "sudo.failed") =>
  countEvents(app, person.id, type, { outcome: "failure", metadata: { path: ["reason"], equals: "invalid_credentials" } });

/** "…is paused" emails: a 2FA lock, or sign-in blocked after wrong passwords. */
const pausedEmails = (app: App, person: Person) => app.db.outboxMessage.count({ where: { to: person.email, subject: { contains: "paused" } } });

// ───────────────────────────── steps a person (or attacker) takes ─────────────────────────────

const SIGNED_IN = "authjs.session-token";

/** Signs in with email and password; with 2FA on, the cookie then names a pending session. */
async function signIn(browser: Browser, person: Person): Promise<void> {
  const form = await browser.formOn("/sign-in", "email");
  const answer = await browser.submitForm("/sign-in", form, { email: person.email, password: person.password });
  if (answer.status !== 303 || !browser.hasCookie(SIGNED_IN)) {
    throw new Error(`Signing in ${person.email} failed: HTTP ${answer.status} ${outcomeOfPage(answer)}.`);
  }
}

const passedChallenge = (answer: Answer) => answer.status === 303 && (answer.location ?? "").startsWith("/security");

function currentTotp(app: App, person: Person): string {
  return app.generateTotp(person.secret!, new Date());
}

/** Six-digit codes that no window around now accepts (two steps either side, to be safe). */
function wrongTotpCodes(app: App, person: Person, count: number): string[] {
  const near = new Set([-2, -1, 0, 1, 2].map((step) => app.generateTotp(person.secret!, new Date(Date.now() + step * 30_000))));
  const codes: string[] = [];
  while (codes.length < count) {
    const code = String(crypto.randomInt(1_000_000)).padStart(6, "0");
    if (!near.has(code)) codes.push(code);
  }
  return codes;
}

/** Recovery codes with a real selector (the first group) and a random rest: each costs a real hash check. */
function wrongRecoveryCodes(person: Person, count: number): string[] {
  const alphabet = "23456789abcdefghjkmnpqrstvwxyz";
  const symbols = (n: number) => Array.from({ length: n }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
  return Array.from({ length: count }, (_, i) => `${person.recoveryCodes[i % person.recoveryCodes.length]!.slice(0, 5)}-${symbols(5)}-${symbols(5)}`);
}

/** Runs `task` over `items`, at most `width` at a time (setup traffic, not the measured bursts). */
async function inBatches<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

// ───────────────────────────── the scenarios ─────────────────────────────

type Phases = { setup: Tally; attack: Tally; during<R>(phase: Tally, work: () => Promise<R>): Promise<R> };

async function scenario(id: string, title: string, body: (phases: Phases) => Promise<Figure[]>): Promise<ScenarioResult> {
  const setup = new Tally();
  const attack = new Tally();
  const during = async <R>(phase: Tally, work: () => Promise<R>) => {
    recording = phase;
    try {
      return await work();
    } finally {
      recording = new Tally();
    }
  };
  const started = performance.now();
  const figures = await body({ setup, attack, during });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const line = figures.map((figure) => `${figure.label} ${figure.value}${figure.limit ? ` (${figure.limit} ${figure.ok ? "ok" : "EXCEEDED"})` : ""}`);
  console.log(`\n${id}. ${title} [${seconds} s]\n   ${line.join(" · ")}`);
  if (attack.latencies.length > 0) console.log(`   HTTP (attack): ${describeCounts(attack.statuses)} · answers: ${describeCounts(attack.outcomes)}`);
  if (attack.latencies.length === 0 || setup.serverErrors() > 0) console.log(`   HTTP (setup): ${describeCounts(setup.statuses)}`);
  return { id, title, figures, setup, attack };
}

/**
 * Before measuring: every page and action the scenarios use, once on each server, so the
 * first burst does not also measure a cold start (loading route chunks, opening the pool).
 */
const warmUp = (app: App) =>
  scenario("0", "warm-up: full sign-ins with a code, the recovery page, /account", async ({ setup, during }) => {
    const people = [await seedPerson(app, "totp"), await seedPerson(app, "totp")];
    await during(setup, () =>
      inBatches(people, 1, async (person) => {
        const browser = new Browser();
        await signIn(browser, person);
        await browser.formOn("/sign-in/verify/recovery", "code");
        const answer = await browser.submitForm("/sign-in/verify", await browser.formOn("/sign-in/verify", "code"), { code: currentTotp(app, person) });
        if (!passedChallenge(answer)) throw new Error(`Warm-up sign-in failed: HTTP ${answer.status} ${outcomeOfPage(answer)}.`);
        await browser.get("/security");
        await browser.get("/account");
      }),
    );
    return [info("people signed in", people.length)];
  });

/** a. With the password known: 200 (BURST) wrong TOTP codes at once at one pending challenge, then the right code. */
const wrongCodesAtOneChallenge = (app: App) =>
  scenario("a", `${BURST} wrong TOTP codes at once at one challenge, then the right code`, async ({ setup, attack, during }) => {
    const person = await seedPerson(app, "totp");
    const browser = new Browser();
    const form = await during(setup, async () => {
      await signIn(browser, person);
      return browser.formOn("/sign-in/verify", "code");
    });
    const right = await during(attack, async () => {
      await Promise.all(wrongTotpCodes(app, person, BURST).map((code) => browser.submitForm("/sign-in/verify", form, { code })));
      return browser.submitForm("/sign-in/verify", form, { code: currentTotp(app, person) });
    });
    return [atMost("codes checked", await checkedCodes(app, person), 5), refused("right code", passedChallenge(right))];
  });

/** b. 200 wrong codes spread over 10 pending sign-ins of one person. */
const wrongCodesOverTenSessions = (app: App) =>
  scenario("b", `${BURST} wrong TOTP codes at once over 10 pending sign-ins of one person`, async ({ setup, attack, during }) => {
    const person = await seedPerson(app, "totp");
    const browsers = Array.from({ length: 10 }, () => new Browser());
    const forms = await during(setup, () =>
      inBatches(browsers, 2, async (browser) => {
        await signIn(browser, person);
        return browser.formOn("/sign-in/verify", "code");
      }),
    );
    await during(attack, () =>
      Promise.all(wrongTotpCodes(app, person, BURST).map((code, i) => browsers[i % 10]!.submitForm("/sign-in/verify", forms[i % 10]!, { code }))),
    );
    return [
      atMost("codes checked", await checkedCodes(app, person), 10),
      exactly("lock emails", await pausedEmails(app, person), 1),
      exactly("two_factor.locked events", await countEvents(app, person.id, "two_factor.locked"), 1),
    ];
  });

/** c. 200 wrong recovery codes (real selectors) at one challenge, then a right one. */
const wrongRecoveryCodes200 = (app: App) =>
  scenario("c", `${BURST} wrong recovery codes at once at one challenge, then a right one`, async ({ setup, attack, during }) => {
    const person = await seedPerson(app, "totp");
    const browser = new Browser();
    const form = await during(setup, async () => {
      await signIn(browser, person);
      return browser.formOn("/sign-in/verify/recovery", "code");
    });
    const right = await during(attack, async () => {
      await Promise.all(wrongRecoveryCodes(person, BURST).map((code) => browser.submitForm("/sign-in/verify/recovery", form, { code })));
      return browser.submitForm("/sign-in/verify/recovery", form, { code: person.recoveryCodes[0]! });
    });
    return [
      atMost("codes checked", await checkedCodes(app, person), 5),
      refused("right recovery code", passedChallenge(right)),
      exactly("recovery_code.used events", await countEvents(app, person.id, "recovery_code.used"), 0),
    ];
  });

/** d. 60 wrong passwords at once for one email at sign-in, then the right one. */
const wrongPasswordsAtSignIn = (app: App) =>
  scenario("d", "60 wrong passwords at once for one email at sign-in, then the right one", async ({ setup, attack, during }) => {
    const person = await seedPerson(app, "password");
    const attacker = new Browser();
    const form = await during(setup, () => attacker.formOn("/sign-in", "email"));
    const owner = new Browser();
    const right = await during(attack, async () => {
      await Promise.all(Array.from({ length: 60 }, (_, i) => attacker.submitForm("/sign-in", form, { email: person.email, password: `wrong guess number ${i}` })));
      return owner.submitForm("/sign-in", form, { email: person.email, password: person.password });
    });
    return [
      atMost("passwords checked", await checkedPasswords(app, person, "auth.sign_in"), 5),
      refused("right password", right.status === 303),
      info("sign-in paused emails", await pausedEmails(app, person)),
    ];
  });

/**
 * e. The sudo password prompt: a signed-in person without 2FA whose last verification is
 * older than SUDO_MINUTES asks to change the password, is asked to confirm it is them, and an
 * attacker with the session fires 60 wrong passwords at the prompt.
 */
const wrongPasswordsAtSudo = (app: App) =>
  scenario("e", "60 wrong passwords at once at the sudo prompt", async ({ setup, attack, during }) => {
    const person = await seedPerson(app, "password");
    const browser = new Browser();
    const { ids, prompt } = await during(setup, async () => {
      await signIn(browser, person);
      await app.db.session.updateMany({ where: { userId: person.id }, data: { verifiedAt: new Date(Date.now() - 10 * 60_000) } });
      const found = await actionIdsOn(browser, "/account");
      const changeId = found.get("changePasswordAction");
      if (!changeId || !found.get("verifySudoAction")) throw new Error(`Server actions not found in /account's scripts (found: ${[...found.keys()].join(", ")}).`);
      const newPassword = "a brand new password for the bench";
      const asked = await browser.callAction("/account", changeId, { password: newPassword, confirmPassword: newPassword });
      return { ids: found, prompt: asked.result };
    });
    if (prompt?.code !== "sudo_required" || prompt.sudo !== "password") throw new Error(`Expected the sudo password prompt, got ${JSON.stringify(prompt)}.`);
    const right = await during(attack, async () => {
      const sudo = ids.get("verifySudoAction")!;
      await Promise.all(Array.from({ length: 60 }, (_, i) => browser.callAction("/account", sudo, { method: "password", password: `wrong guess number ${i}` })));
      return browser.callAction("/account", sudo, { method: "password", password: person.password });
    });
    return [
      atMost("passwords checked", await checkedPasswords(app, person, "sudo.failed"), 5),
      info("right password afterwards", right.result?.ok ? "accepted" : (right.result?.code ?? `HTTP ${right.status}`)),
    ];
  });

/** f. 100 racing submissions of one valid code to one pending challenge. */
const racingValidCode = (app: App) =>
  scenario("f", "100 racing submissions of one valid code to one challenge", async ({ setup, attack, during }) => {
    const person = await seedPerson(app, "totp");
    const browser = new Browser();
    const form = await during(setup, async () => {
      await signIn(browser, person);
      return browser.formOn("/sign-in/verify", "code");
    });
    // Each submission from its own tab (a copy of the pending cookie), so the winner's new cookie is its own.
    const tabs = Array.from({ length: 100 }, () => browser.fork());
    const code = currentTotp(app, person);
    const answers = await during(attack, () => Promise.all(tabs.map((tab) => tab.submitForm("/sign-in/verify", form, { code }))));
    const winners = tabs.filter((_, i) => passedChallenge(answers[i]!));
    const stillSignedIn = winners.length === 1 && (await during(setup, () => winners[0]!.get("/security"))).status === 200;
    return [
      exactly("successes", winners.length, 1),
      { label: "winner still signed in", value: stillSignedIn ? "yes" : "no", limit: "yes", ok: stillSignedIn },
      exactly("lock emails", await pausedEmails(app, person), 0),
      exactly("session.revoked events", await countEvents(app, person.id, "session.revoked"), 0),
      exactly("codes counted as wrong", await checkedCodes(app, person), 0),
    ];
  });

/** g. 256 people, each with its own pending challenge, submit their current code at the same moment. */
const concurrentChallenges = (app: App) =>
  scenario("g", "256 concurrent challenge requests (256 people, one right code each)", async ({ setup, attack, during }) => {
    const people = await inBatches(Array.from({ length: 256 }), 16, () => seedPerson(app, "totp, no recovery codes"));
    const browsers = people.map(() => new Browser());
    // Signing in costs an argon2 hash per person; a few at a time keeps the pending sessions fresh and
    // stays under the per-address limit of 30 concurrent password checks.
    const forms = await during(setup, () =>
      inBatches(browsers, 4, async (browser, i) => {
        await signIn(browser, people[i]!);
        return browser.formOn("/sign-in/verify", "code");
      }),
    );
    const answers = await during(attack, () =>
      Promise.all(browsers.map((browser, i) => browser.submitForm("/sign-in/verify", forms[i]!, { code: currentTotp(app, people[i]!) }))),
    );
    return [
      exactly("answers ≥ 500", attack.serverErrors(), 0),
      // Not a limit: when answers take over 30 s, a code can leave its ±1-step window (rule 1) and
      // is rightly refused as invalid_code; the answers line shows how many.
      info("successes", `${answers.filter(passedChallenge).length} of 256`),
      info("p50 latency", `${Math.round(percentile(attack.latencies, 50))} ms`),
      info("p95 latency", `${Math.round(percentile(attack.latencies, 95))} ms`),
      info("max latency", `${Math.round(percentile(attack.latencies, 100))} ms`),
    ];
  });

// ───────────────────────────── the run ─────────────────────────────

function printSummary(results: ScenarioResult[]): boolean {
  const rows = results.flatMap((result) =>
    [
      ...result.figures,
      exactly("HTTP ≥ 500 / no answer", result.attack.serverErrors() + result.setup.serverErrors(), 0),
    ].map((figure) => [result.id, figure.label, figure.value, figure.limit, figure.limit ? (figure.ok ? "ok" : "FAIL") : ""]),
  );
  const header = ["", "figure", "value", "limit", ""];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
  console.log(`\nSummary (PostgreSQL, two production servers on ports ${PORTS.join(" and ")})\n`);
  console.log(format(header));
  console.log(widths.map((width) => "─".repeat(width)).join("  "));
  for (const row of rows) console.log(format(row));
  const failed = rows.filter((row) => row[4] === "FAIL");
  console.log(failed.length === 0 ? "\nEvery limit held; no answer ≥ 500." : `\n${failed.length} figure(s) FAILED.`);
  return failed.length === 0;
}

function serverLogErrors(servers: Server[]): void {
  for (const server of servers) {
    const lines = fs.readFileSync(server.log, "utf8").split("\n");
    const errors = lines.filter((line) => /error|P20\d\d|deadlock/i.test(line));
    console.log(`Server ${server.port}: ${errors.length} log line(s) mentioning errors (${server.log})`);
    for (const line of errors.slice(0, 5)) console.log(`   ${line.slice(0, 200)}`);
  }
}

const SCENARIOS: Record<string, (app: App) => Promise<ScenarioResult>> = {
  a: wrongCodesAtOneChallenge,
  b: wrongCodesOverTenSessions,
  c: wrongRecoveryCodes200,
  d: wrongPasswordsAtSignIn,
  e: wrongPasswordsAtSudo,
  f: racingValidCode,
  g: concurrentChallenges,
};

/**
 * Scenario letters from the command line, in order and repeatable (`attack.ts a a g`); all by
 * default. `--cold` skips the warm-up, so the first burst meets servers that just started.
 */
const options = process.argv.slice(2).filter((arg) => arg.startsWith("--"));
const cold = options.includes("--cold");
const letters = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const chosen = letters.length > 0 ? letters : Object.keys(SCENARIOS);

async function main(): Promise<number> {
  const unknown = [...chosen.filter((id) => !SCENARIOS[id]), ...options.filter((option) => option !== "--cold" && !/^--burst=\d+$/.test(option))];
  if (unknown.length > 0) throw new Error(`Unknown argument(s): ${unknown.join(", ")}. Scenarios: ${Object.keys(SCENARIOS).join(" ")}; options: --cold, --burst=N.`);
  buildIfNeeded();
  console.log(`Database ${DATABASE_NAME}; server logs in ${LOG_DIR}`);
  await onPostgresServer(`CREATE DATABASE "${DATABASE_NAME}"`);
  const servers: Server[] = [];
  let app: App | undefined;
  const cleanUp = async () => {
    await Promise.all(servers.map(stopServer));
    await app?.closeDb();
    await onPostgresServer(`DROP DATABASE IF EXISTS "${DATABASE_NAME}" WITH (FORCE)`);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  try {
    app = await loadApp();
    const target = app.postgresMigrationDatabase(DATABASE_URL);
    try {
      await app.applyMigrations(target, { migrationsDir: path.join(root, "prisma/migrations") });
    } finally {
      await target.close();
    }
    servers.push(...PORTS.map(startServer));
    await Promise.all(servers.map((server) => waitForHealth(server)));
    console.log(`Servers up on ports ${PORTS.join(" and ")}.`);

    const results = cold ? [] : [await warmUp(app)];
    for (const id of chosen) results.push(await SCENARIOS[id]!(app));
    const ok = printSummary(results);
    serverLogErrors(servers);
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
