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
 * the sign-in form as a no-JavaScript form post (multipart with the hidden `$ACTION_…` inputs
 * React renders), the challenge form likewise to its form route (/api/sign-in/verify), the
 * sudo prompt (which only exists client-side) as the
 * React client's fetch call with a `Next-Action` header. Requests alternate between the two
 * servers. After each burst the database says how many codes and passwords were really
 * checked (one audit event per checked wrong code or password).
 *
 * Prints one line per scenario and a summary table; exits non-zero when a limit of
 * DESIGN.md rule 4 was exceeded or any answer was ≥ 500. The servers' logs stay in the
 * temporary folder it prints. It takes minutes on two cores.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { actionIdsOn, Browser, outcomeOfPage, passedChallenge, SIGNED_IN, Site } from "./lib/browser";
import { currentTotp, loadApp, migrateDatabase, seedPerson, type App, type Person } from "./lib/people";
import { appEnv, buildIfNeeded, serverLogErrors, startServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "./lib/servers";
import { describeCounts, inBatches, percentile, Tally } from "./lib/tally";

const PORTS = [3311, 3312];
const POSTGRES_URL = process.env.ATTACK_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = throwawayDatabase(POSTGRES_URL, "tessera_attack");
const DATABASE_URL = database.url;
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-attack-"));
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) tessera-attack-bench";
/** Wrong codes per burst in scenarios a–c: 200 as in the issue; `--burst=1000` pushes harder. */
const BURST = Number(/^--burst=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith("--burst=")) ?? "")?.[1] ?? 200);

/**
 * The script and both servers must agree on these: the servers encrypt TOTP secrets and sign
 * cookies with them, the script seeds secrets and reads what the servers wrote.
 * APP_ENV=development keeps emails in the OutboxMessage table, where the lock emails are
 * counted. SUDO_MINUTES=1 lets the script age a session out of sudo mode.
 */
const SHARED_ENV = { ...appEnv(DATABASE_URL, PORTS[0]!), SUDO_MINUTES: "1" };

// ───────────────────────────── figures ─────────────────────────────

/** One number of a scenario, with the limit it must keep (none for plain information). */
type Figure = { label: string; value: string; limit: string; ok: boolean };

const atMost = (label: string, value: number, max: number): Figure => ({ label, value: String(value), limit: `≤ ${max}`, ok: value <= max });
const exactly = (label: string, value: number, expected: number): Figure => ({ label, value: String(value), limit: `= ${expected}`, ok: value === expected });
const refused = (label: string, accepted: boolean): Figure => ({ label, value: accepted ? "accepted" : "refused", limit: "refused", ok: !accepted });
const info = (label: string, value: string | number): Figure => ({ label, value: String(value), limit: "", ok: true });

type ScenarioResult = { id: string; title: string; figures: Figure[]; setup: Tally; attack: Tally };

/** Every request goes to one of the two servers and is counted in the phase that is running. */
const site = new Site(PORTS, USER_AGENT);

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


/** Signs in with email and password; with 2FA on, the cookie then names a pending session. */
async function signIn(browser: Browser, person: Person): Promise<void> {
  const form = await browser.formOn("/sign-in", "email");
  const answer = await browser.submitForm("/sign-in", form, { email: person.email, password: person.password });
  if (answer.status !== 303 || !browser.hasCookie(SIGNED_IN)) {
    throw new Error(`Signing in ${person.email} failed: HTTP ${answer.status} ${outcomeOfPage(answer)}.`);
  }
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
// ───────────────────────────── the scenarios ─────────────────────────────

type Phases = { setup: Tally; attack: Tally; during<R>(phase: Tally, work: () => Promise<R>): Promise<R> };

async function scenario(id: string, title: string, body: (phases: Phases) => Promise<Figure[]>): Promise<ScenarioResult> {
  const setup = new Tally();
  const attack = new Tally();
  const during = <R>(phase: Tally, work: () => Promise<R>) => site.during(phase, work);
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
        const browser = new Browser(site);
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
    const browser = new Browser(site);
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
    const browsers = Array.from({ length: 10 }, () => new Browser(site));
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
    const browser = new Browser(site);
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
    const attacker = new Browser(site);
    const form = await during(setup, () => attacker.formOn("/sign-in", "email"));
    const owner = new Browser(site);
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
    const browser = new Browser(site);
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
    const browser = new Browser(site);
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
    const browsers = people.map(() => new Browser(site));
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
  console.log(`Database ${database.name}; server logs in ${LOG_DIR}`);
  await database.create();
  const servers: Server[] = [];
  let app: App | undefined;
  const cleanUp = async () => {
    await Promise.all(servers.map(stopServer));
    await app?.closeDb();
    await database.drop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  try {
    app = await loadApp(SHARED_ENV);
    await migrateDatabase(app, DATABASE_URL);
    servers.push(...PORTS.map((port) => startServer(port, SHARED_ENV, LOG_DIR)));
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
