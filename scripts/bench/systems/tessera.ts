/**
 * Tessera under `npm run bench:verify`: one production `next start` on a throw-away database,
 * users whose pending challenge is made directly in the database (as a correct password would
 * leave it), and the Verify form of /sign-in/verify submitted as the hydrated page sends it
 * (to its form route, /api/sign-in/verify).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { Browser, SIGNED_IN, Site } from "../lib/browser";
import { processTreeCpuMs } from "../lib/cpu";
import { currentTotp, loadApp, migrateDatabase, seedPerson, type App, type Person } from "../lib/people";
import { appEnv, assertPortFree, buildIfNeeded, startServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "../lib/servers";
import { inBatches } from "../lib/tally";
import { WARM_UP_VERIFICATIONS, type VerifyingSystem } from "./system";

const PORT = Number(process.env.BENCH_TESSERA_PORT ?? 3321);
/** Where the Verify form posts (app/api/sign-in/verify/route.ts). */
const VERIFY_ROUTE = "/api/sign-in/verify";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) tessera-verify-bench";

type Challenge = { person: Person; pendingId: string; browser: Browser };

export function tessera(postgresUrl: string): VerifyingSystem<Challenge> & { logDir: string } {
  const database = throwawayDatabase(postgresUrl, "tessera_verify");
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-verify-"));
  const env = appEnv(database.url, PORT);
  const site = new Site([PORT], USER_AGENT);
  let app: App | undefined;
  let server: Server | undefined;
  let sessions: Awaited<typeof import("@/lib/auth/sessions")> | undefined;
  let created = false;

  /**
   * The pending Session row a correct password leaves (lib/auth/sessions.ts createSession)
   * and the cookie next-auth would set for it: its JWT `{ sid }`, encrypted with AUTH_SECRET
   * and salted with the cookie's name. The browser is one the person signed in from before
   * (its device cookie is on their earlier session, its language remembered), as most sign-ins
   * are: a browser never seen before also gets the "new sign-in" email, rendered after the answer.
   */
  async function pendingChallenge(person: Person): Promise<Challenge> {
    const context = { ip: "127.0.0.1", userAgent: USER_AGENT };
    const deviceHash = crypto.createHash("sha256").update(crypto.randomUUID()).digest("hex");
    await app!.db.session.updateMany({ where: { userId: person.id }, data: { deviceHash } });
    // Its language too, from that earlier sign-in (lib/auth/sign-in.ts signInCompleted).
    await app!.db.user.update({ where: { id: person.id }, data: { browserLocale: "en" } });
    const pending = await sessions!.createSession(app!.db, person.id, context, "two_factor", new Date(), deviceHash);
    const token = await encode({ token: { sid: pending.id }, secret: env.AUTH_SECRET, salt: SIGNED_IN, maxAge: sessions!.SESSION_MAX_AGE_SECONDS });
    const browser = new Browser(site);
    browser.setCookie(SIGNED_IN, token);
    return { person, pendingId: pending.id, browser };
  }

  const system = {
    name: "Tessera",
    logDir,

    async start() {
      buildIfNeeded();
      await assertPortFree(PORT);
      await database.create();
      created = true;
      // BENCH_LOG_STATEMENTS=1: PostgreSQL logs every statement of this database (to count them per verification).
      if (process.env.BENCH_LOG_STATEMENTS === "1") await database.run(`ALTER DATABASE "${database.name}" SET log_statement = 'all'`);
      app = await loadApp(env);
      sessions = await import("@/lib/auth/sessions");
      await migrateDatabase(app, database.url);
      // BENCH_CPU_PROFILE_DIR: the server writes a V8 CPU profile there when it stops (scripts/bench/profile.ts reads it).
      const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
      server = startServer(PORT, env, logDir, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
      await waitForHealth(server);
      // Warm-up: load the route's chunks, open the pool and let V8 compile before anything is timed.
      const warm = await system.prepare(WARM_UP_VERIFICATIONS);
      const answers = await inBatches(warm, 16, (challenge) => system.verify(challenge));
      const failed = answers.filter((answer) => !answer.ok);
      if (failed.length > 0) throw new Error(`Warm-up verifications failed: ${failed.map((answer) => answer.outcome).join(", ")}; see ${server.log}.`);
    },

    prepare: (count: number) =>
      inBatches(Array.from({ length: count }), 16, async () => pendingChallenge(await seedPerson(app!, "totp, no recovery codes"))),

    async verify({ person, browser }: Challenge) {
      const answer = await browser.fetchForm(VERIFY_ROUTE, { method: "totp", code: currentTotp(app!, person) });
      const ok = answer.status === 200 && answer.result?.ok === true && (answer.result.redirectTo ?? "").startsWith("/security");
      return { ok, outcome: ok ? "signed in" : (answer.result?.code ?? `HTTP ${answer.status}`) };
    },

    /** Fully signed in: a live, non-pending, non-revoked session that replaced the pending one. */
    signedIn: (challenges: Challenge[]) =>
      app!.db.session.count({ where: { previousId: { in: challenges.map((challenge) => challenge.pendingId) }, pendingStep: null, revokedAt: null } }),

    serverCpuMs: () => processTreeCpuMs(server!.process.pid!),

    async stop() {
      if (server) await stopServer(server);
      await app?.closeDb();
      if (created) await database.drop();
      created = false;
    },
  };
  return system;
}
