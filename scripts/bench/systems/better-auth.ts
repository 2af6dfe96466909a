/**
 * Better Auth under `npm run bench:verify -- --peer=better-auth`: the bare server of
 * bench/peers/better-auth (its twoFactor plugin on node:http, rate limiter off) on a throw-away
 * database; users with TOTP enabled and a pending two-factor sign-in written through Better
 * Auth's own adapter, as a correct password at /sign-in/email leaves them; and the code posted
 * to /two-factor/verify-totp as its client's `twoFactor.verifyTotp` sends it.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Browser, Site, type Answer } from "../lib/browser";
import { processTreeCpuMs } from "../lib/cpu";
import { assertPortFree, root, startNodeServer, stopServer, throwawayDatabase, waitForHealth, type Server } from "../lib/servers";
import { inBatches } from "../lib/tally";
import { WARM_UP_VERIFICATIONS, type VerifyingSystem } from "./system";

const PORT = 3322;
const PEER_DIR = path.join(root, "bench/peers/better-auth");
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) better-auth-verify-bench";

/**
 * What bench/peers/better-auth/seed.mjs exports. It is JavaScript run from the peer's own
 * node_modules, so the app's typecheck cannot follow it; `npx tsc -p bench/peers/better-auth`
 * checks it against Better Auth's types.
 */
type PeerModule = {
  PASSWORD: string;
  openPeer(config: { databaseUrl: string; secret: string; baseURL: string }): Promise<Peer>;
};
type Peer = {
  cookies: { twoFactor: string; session: string };
  migrate(): Promise<void>;
  createUser(): Promise<{ id: string; email: string; totpSecret: string }>;
  pendingSignIn(userId: string): Promise<{ name: string; value: string }>;
  currentCode(totpSecret: string): Promise<string>;
  countSignedIn(userIds: string[]): Promise<number>;
  close(): Promise<void>;
};

type Challenge = { userId: string; totpSecret: string; browser: Browser };

export function betterAuth(postgresUrl: string): VerifyingSystem<Challenge> & { logDir: string } {
  const database = throwawayDatabase(postgresUrl, "better_auth_verify");
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-verify-"));
  const secret = crypto.randomBytes(32).toString("base64url");
  const site = new Site([PORT], USER_AGENT);
  let seed: PeerModule | undefined;
  let peer: Peer | undefined;
  let server: Server | undefined;
  let created = false;

  /** One user through the real /sign-in/email, to show the prepared challenges are what it leaves. */
  async function signInWithPassword(): Promise<Challenge> {
    const user = await peer!.createUser();
    const browser = new Browser(site);
    const answer = await browser.postJson("/api/auth/sign-in/email", { email: user.email, password: seed!.PASSWORD });
    const body = parseJson(answer);
    if (answer.status !== 200 || body?.twoFactorRedirect !== true || !browser.hasCookie(peer!.cookies.twoFactor) || browser.hasCookie(peer!.cookies.session)) {
      throw new Error(`/sign-in/email did not answer with a pending two-factor sign-in: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return { userId: user.id, totpSecret: user.totpSecret, browser };
  }

  const system = {
    name: "Better Auth",
    logDir,

    async start() {
      installIfNeeded();
      await assertPortFree(PORT);
      await database.create();
      created = true;
      seed = (await import(pathToFileURL(path.join(PEER_DIR, "seed.mjs")).href)) as PeerModule;
      peer = await seed.openPeer({ databaseUrl: database.url, secret, baseURL: `http://127.0.0.1:${PORT}` });
      await peer.migrate();
      const env = { DATABASE_URL: database.url, BETTER_AUTH_SECRET: secret };
      server = startNodeServer({ port: PORT, args: [path.join(PEER_DIR, "server.mjs")], env, logDir, healthPath: "/api/auth/ok", cwd: PEER_DIR });
      await waitForHealth(server);
      // Warm-up, as for Tessera: load the routes, open the pool and let V8 compile before anything is timed.
      const warm = [await signInWithPassword(), ...(await system.prepare(WARM_UP_VERIFICATIONS - 1))];
      const answers = await inBatches(warm, 16, (challenge) => system.verify(challenge));
      const failed = answers.filter((answer) => !answer.ok);
      if (failed.length > 0) throw new Error(`Warm-up verifications failed: ${failed.map((answer) => answer.outcome).join(", ")}; see ${server.log}.`);
    },

    prepare: (count: number) =>
      inBatches(Array.from({ length: count }), 16, async (): Promise<Challenge> => {
        const user = await peer!.createUser();
        const cookie = await peer!.pendingSignIn(user.id);
        const browser = new Browser(site);
        browser.setCookie(cookie.name, cookie.value);
        return { userId: user.id, totpSecret: user.totpSecret, browser };
      }),

    /** Success as its client sees it: 200 (better-fetch's `data`), with the session cookie set. */
    async verify({ totpSecret, browser }: Challenge) {
      const answer = await browser.postJson("/api/auth/two-factor/verify-totp", { code: await peer!.currentCode(totpSecret) });
      const ok = answer.status === 200 && browser.hasCookie(peer!.cookies.session);
      return { ok, outcome: ok ? "signed in" : `HTTP ${answer.status} ${parseJson(answer)?.code ?? "without a session cookie"}` };
    },

    signedIn: (challenges: Challenge[]) => peer!.countSignedIn(challenges.map((challenge) => challenge.userId)),

    serverCpuMs: () => processTreeCpuMs(server!.process.pid!),

    async stop() {
      if (server) await stopServer(server);
      await peer?.close();
      peer = undefined;
      if (created) await database.drop();
      created = false;
    },
  };
  return system;
}

/**
 * The peer's packages, from its own lock file: installed on first use and again when the lock
 * file changed, so the app's install (and its CI) never carries Better Auth.
 */
function installIfNeeded() {
  const installed = fs.statSync(path.join(PEER_DIR, "node_modules/.package-lock.json"), { throwIfNoEntry: false });
  if (installed && fs.statSync(path.join(PEER_DIR, "package-lock.json")).mtimeMs <= installed.mtimeMs) return;
  console.log(`Installing the Better Auth peer (npm ci --prefix ${path.relative(root, PEER_DIR)})…`);
  const result = spawnSync("npm", ["ci", "--prefix", PEER_DIR, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm ci in ${PEER_DIR} failed (exit ${result.status}).`);
}

function parseJson(answer: Answer): Record<string, unknown> | null {
  try {
    return JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return null;
  }
}
