// @ts-check
/**
 * The Better Auth that `npm run bench:verify -- --peer=better-auth` measures: email and
 * password sign-in with the twoFactor plugin, on PostgreSQL through a `pg` Pool. Defaults
 * everywhere but the rate limiter, which is off so the benchmark measures verification and
 * not the limiter's refusals (Tessera's limits count per user and never refuse these runs).
 */
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins/two-factor";
import pg from "pg";

/**
 * @param {{ databaseUrl: string, secret: string, baseURL: string }} config
 */
export function createAuth({ databaseUrl, secret, baseURL }) {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const auth = betterAuth({
    database: pool,
    secret,
    baseURL,
    emailAndPassword: { enabled: true },
    plugins: [twoFactor()],
    rateLimit: { enabled: false },
  });
  return { auth, pool };
}
