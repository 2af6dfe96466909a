// @ts-check
/**
 * The benchmark's side of the peer, run in the benchmark's own process (untimed): the schema
 * by Better Auth's own migrations, and users with TOTP enabled and a pending two-factor
 * sign-in written through Better Auth's own adapter, secret handling and cookie signing, so
 * the rows are the ones its endpoints would have left.
 */
import crypto from "node:crypto";
import { generateRandomString, symmetricEncrypt } from "better-auth/crypto";
import { getMigrations } from "better-auth/db/migration";
import { createOTP } from "@better-auth/utils/otp";
import { serializeSignedCookie } from "better-call";
import { createAuth } from "./auth.mjs";

export const PASSWORD = "correct horse battery staple, at length";

/** How long a pending two-factor sign-in lives: the plugin's default `twoFactorCookieMaxAge`. */
const TWO_FACTOR_MAX_AGE_SECONDS = 600;

/**
 * @param {{ databaseUrl: string, secret: string, baseURL: string }} config
 */
export async function openPeer(config) {
  const { auth, pool } = createAuth(config);
  // pool.end() does not wait for its connections to close; the benchmark drops the database right after.
  pool.on("error", () => {});
  const context = await auth.$context;
  /** @type {Promise<string> | undefined} */
  let passwordHash;

  return {
    /** The cookie names this configuration uses (no `__Secure-` prefix over http). */
    cookies: {
      twoFactor: context.createAuthCookie("two_factor").name,
      session: context.authCookies.sessionToken.name,
    },

    /** Creates the tables as `npx auth migrate` would. */
    async migrate() {
      const { runMigrations } = await getMigrations(auth.options);
      await runMigrations();
    },

    /**
     * A user who enabled TOTP and confirmed it, as /two-factor/enable then /two-factor/verify-totp
     * leave it: a 32-character secret from Better Auth's generator, stored encrypted with the
     * auth secret. No backup codes (an encrypted empty list), as Tessera's bench users have none.
     */
    async createUser() {
      passwordHash ??= context.password.hash(PASSWORD);
      const email = `bench-${crypto.randomBytes(5).toString("hex")}@example.test`;
      const user = await context.internalAdapter.createUser({ name: "Bench", email, emailVerified: true, twoFactorEnabled: true }, { method: "email-password" });
      await context.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await passwordHash });
      const totpSecret = generateRandomString(32);
      await context.adapter.create({
        model: "twoFactor",
        data: {
          userId: user.id,
          secret: await symmetricEncrypt({ key: context.secretConfig, data: totpSecret }),
          backupCodes: await symmetricEncrypt({ key: context.secretConfig, data: "[]" }),
          verified: true,
        },
      });
      return { id: user.id, email, totpSecret };
    },

    /**
     * What the twoFactor plugin's after-hook on /sign-in/email leaves when the password was
     * right: the challenge and its attempt counter as verification rows, and the signed
     * `two_factor` cookie naming the challenge. Returns that cookie as the browser keeps it.
     *
     * @param {string} userId
     */
    async pendingSignIn(userId) {
      const identifier = `2fa-${generateRandomString(20)}`;
      const expiresAt = new Date(Date.now() + TWO_FACTOR_MAX_AGE_SECONDS * 1000);
      await context.internalAdapter.createVerificationValue({ value: userId, identifier, expiresAt });
      await context.internalAdapter.createVerificationValue({ value: "0", identifier: `2fa-attempts-${identifier}`, expiresAt });
      const cookie = context.createAuthCookie("two_factor", { maxAge: TWO_FACTOR_MAX_AGE_SECONDS });
      const header = await serializeSignedCookie(cookie.name, identifier, context.secret, cookie.attributes);
      return { name: cookie.name, value: header.slice(cookie.name.length + 1).split(";")[0] ?? "" };
    },

    /**
     * The code an authenticator shows now: the twoFactor plugin's TOTP defaults (6 digits,
     * 30 s, HMAC-SHA1 keyed with the secret's UTF-8 bytes), through Better Auth's own generator.
     *
     * @param {string} totpSecret
     */
    currentCode: (totpSecret) => createOTP(totpSecret, { digits: 6, period: 30 }).totp(),

    /**
     * How many of these users hold a live session.
     *
     * @param {string[]} userIds
     */
    async countSignedIn(userIds) {
      const { rows } = await pool.query('SELECT count(DISTINCT "userId")::int AS n FROM "session" WHERE "userId" = ANY($1) AND "expiresAt" > now()', [userIds]);
      return /** @type {number} */ (rows[0].n);
    },

    close: () => pool.end(),
  };
}
