/**
 * Tessera under `npm run bench:verify`: one production `next start` on a throw-away database,
 * users whose pending challenge is made directly in the database (as a correct password would
 * leave it), and the Verify form of /sign-in/verify submitted as the hydrated page sends it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { actionIdsOn, Browser, SIGNED_IN, Site, type Answer } from "../lib/browser";
import { processTreeCpuMs } from "../lib/cpu";
import { currentTotp, loadApp, migrateDatabase, seedPerson, type App, type Person } from "../lib/people";
import { assertPortFree, buildIfNeeded, startServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "../lib/servers";
import { inBatches } from "../lib/tally";
import type { VerifyingSystem } from "./system";

const PORT = 3321;
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) tessera-verify-bench";

type Challenge = { person: Person; pendingId: string; browser: Browser };

export function tessera(postgresUrl: string): VerifyingSystem<Challenge> & { logDir: string } {
  const database = throwawayDatabase(postgresUrl, "tessera_verify");
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-verify-"));
  // APP_ENV=development: no mail provider needed; the server and this script share the secrets.
  const env = {
    DATABASE_URL: database.url,
    APP_ENV: "development",
    APP_URL: `http://127.0.0.1:${PORT}`,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const site = new Site([PORT], USER_AGENT);
  let app: App | undefined;
  let server: Server | undefined;
  let sessions: Awaited<typeof import("@/lib/auth/sessions")> | undefined;
  let actionId = "";
  let created = false;

  /**
   * The pending Session row a correct password leaves (lib/auth/sessions.ts createSession)
   * and the cookie next-auth would set for it: its JWT `{ sid }`, encrypted with AUTH_SECRET
   * and salted with the cookie's name.
   */
  async function pendingChallenge(person: Person): Promise<Challenge> {
    const context = { ip: "127.0.0.1", userAgent: USER_AGENT };
    const pending = await sessions!.createSession(app!.db, person.id, context, "two_factor");
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
      app = await loadApp(env);
      sessions = await import("@/lib/auth/sessions");
      await migrateDatabase(app, database.url);
      server = startServer(PORT, env, logDir);
      await waitForHealth(server);
      // The action id, read from the challenge page's scripts as the browser gets it.
      const [first] = await system.prepare(1);
      actionId = await verifyActionId(first!.browser);
      // Warm-up: load the route's chunks and open the pool before anything is timed.
      const warm = [first!, ...(await system.prepare(15))];
      const answers = await inBatches(warm, 4, (challenge) => system.verify(challenge));
      const failed = answers.filter((answer) => !answer.ok);
      if (failed.length > 0) throw new Error(`Warm-up verifications failed: ${failed.map((answer) => answer.outcome).join(", ")}; see ${server.log}.`);
    },

    prepare: (count: number) =>
      inBatches(Array.from({ length: count }), 16, async () => pendingChallenge(await seedPerson(app!, "totp, no recovery codes"))),

    async verify({ person, browser }: Challenge) {
      const answer = await browser.callAction("/sign-in/verify", actionId, { method: "totp", code: currentTotp(app!, person) });
      return { ok: signedInAnswer(answer), outcome: answer.actionRedirect ? `${answer.status} → ${answer.actionRedirect}` : (answer.result?.code ?? `HTTP ${answer.status}`) };
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

/**
 * The React client's view of success: the action's redirect to /security. Next answers a
 * fetch-called action's redirect with 200 and an `x-action-redirect` header (not a 303).
 */
const signedInAnswer = (answer: Answer) => answer.status === 200 && (answer.actionRedirect ?? "").startsWith("/security");

async function verifyActionId(browser: Browser): Promise<string> {
  const ids = await actionIdsOn(browser, "/sign-in/verify");
  const id = ids.get("verifyChallengeAction");
  if (!id) throw new Error(`verifyChallengeAction not found in /sign-in/verify's scripts (found: ${[...ids.keys()].join(", ") || "none"}).`);
  return id;
}
