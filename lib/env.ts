import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { generateAuditSigningSeed, isAuditSigningKey } from "./audit/signing-key-format";

/**
 * The environment, parsed once. APP_ENV decides the mode: `development` (the zero-config
 * demo that `npm start` runs: generated secrets, demo accounts, the /dev/outbox page),
 * `production` (the default when unset, so a bare `next start` is strict), or `test`.
 */
const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded");

const schema = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z
    .string()
    .regex(/^[\w.:-]+$/, "must be a host name or an IP address, e.g. 127.0.0.1 or 0.0.0.0")
    .optional(),
  APP_URL: z.url().optional(),
  // Only for a closed network served over plain http, where cookies cannot be Secure.
  ALLOW_INSECURE_HTTP: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: base64Key.optional(),
  // Signs the audit chain's checkpoints (lib/audit/signing-key.ts): Ed25519, PKCS#8 PEM or the
  // base64 of its 32-byte seed.
  AUDIT_SIGNING_KEY: z
    .string()
    .refine(isAuditSigningKey, "must be an Ed25519 private key: PKCS#8 PEM, or its 32-byte seed in base64 (openssl rand -base64 32)")
    .optional(),
  // Audit events older than this many days are pruned daily (lib/audit/retention.ts); unset keeps them forever.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587" })
    .optional(),
  EMAIL_FROM: z.string().min(3).default("Tessera <security@tessera.localhost>"),
  // Text messages and calls through Twilio: all three or none (lib/sms). Without them, production
  // offers no phone methods and development writes them to the outbox.
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be an Account SID: AC followed by 32 hexadecimal digits").optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, "must be the account's auth token").optional(),
  TWILIO_FROM: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "must be a Twilio phone number in international (E.164) format, e.g. +14155552671")
    .optional(),
  RECOVERY_CODE_COUNT: z.coerce.number().int().min(6).max(32).default(16),
  SUDO_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  TWO_FACTOR_EXPIRY_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  // A session verified with a second factor: ended after this long unused, and this long
  // overall (NIST SP 800-63B-4 §2.2.3: 1 hour and 24 hours). Password-only sessions: 30 days.
  // Use moves the idle end forward at most every 5 minutes, hence the 10-minute floor.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(10).max(1440).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  // Dual control of assisted 2FA resets: "on", a second support admin approves each reset
  // before its temporary access code is issued (lib/support/reset.ts).
  SUPPORT_DUAL_CONTROL: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
  // Calls per API key per minute (lib/api/rate-limit.ts): a fixed 60-second window per key.
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
}).refine((env) => env.SESSION_IDLE_MINUTES <= env.SESSION_MAX_HOURS * 60, {
  path: ["SESSION_IDLE_MINUTES"],
  message: "must not be longer than SESSION_MAX_HOURS",
});

export type Env = z.infer<typeof schema> & {
  /** Where the server listens: HOST, else 127.0.0.1 outside production (the demo's accounts
   * and outbox are for this computer only), else every interface. */
  HOST: string;
  APP_URL: string;
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  AUDIT_SIGNING_KEY: string;
};

export class ConfigError extends Error {
  name = "ConfigError";
}

const REQUIRED_IN_PRODUCTION = ["AUTH_SECRET", "ENCRYPTION_KEY", "AUDIT_SIGNING_KEY", "APP_URL"] as const;
const GENERATED = ["AUTH_SECRET", "ENCRYPTION_KEY", "AUDIT_SIGNING_KEY"] as const;
type Generated = Record<(typeof GENERATED)[number], string>;
const TWILIO_SETTINGS = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"] as const;

/**
 * Development secrets are generated once and kept under DATA_DIR, outside the repository. A file
 * from before a secret existed gets the new one added (AUDIT_SIGNING_KEY came with issue 11).
 */
function developmentSecrets(dataDir: string): Generated {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Generated> = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Generated>;
  } catch {
    // none yet
  }
  if (GENERATED.every((name) => stored[name])) return stored as Generated;
  const secrets: Generated = {
    AUTH_SECRET: stored.AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: stored.ENCRYPTION_KEY ?? crypto.randomBytes(32).toString("base64"),
    AUDIT_SIGNING_KEY: stored.AUDIT_SIGNING_KEY ?? generateAuditSigningSeed(),
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const TEST_SECRETS: Generated = {
  AUTH_SECRET: "test-secret-".padEnd(40, "x"),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  AUDIT_SIGNING_KEY: Buffer.alloc(32, 9).toString("base64"),
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const twilioMissing = TWILIO_SETTINGS.filter((name) => !env[name]);
  if (twilioMissing.length > 0 && twilioMissing.length < TWILIO_SETTINGS.length) {
    // Half a configuration would silently send codes nowhere (or to the outbox in production).
    throw new ConfigError(
      `Twilio is partly configured: set ${twilioMissing.join(", ")} too, or unset all of ${TWILIO_SETTINGS.join(", ")} ` +
        "(then text messages and calls are not offered in production).",
    );
  }
  if (env.APP_ENV === "production") {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Missing required configuration in production: ${missing.join(", ")}.\n` +
          `Set them in the environment (see .env.example), or run the demo with APP_ENV=development.`,
      );
    }
    if (!env.APP_URL!.startsWith("https://") && !env.ALLOW_INSECURE_HTTP) {
      throw new ConfigError(
        "APP_URL must be an https:// address in production, so the session cookie is always Secure " +
          "(a cookie sent over plain http can be read and replayed by anyone on the path).\n" +
          "Behind a TLS-terminating proxy, give APP_URL the public https:// address. Only a closed network " +
          "served over plain http may set ALLOW_INSECURE_HTTP=true.",
      );
    }
    if (!env.RESEND_API_KEY && !env.SMTP_URL) {
      throw new ConfigError(
        "No mail provider in production: set RESEND_API_KEY or SMTP_URL.\n" +
          "Without one, emails would only be stored in the database's outbox, which keeps live sign-in " +
          "codes and verification and password-reset links readable to anyone who can read the database.",
      );
    }
  }
  const generated = GENERATED.every((name) => env[name])
    ? {}
    : env.APP_ENV === "test"
      ? TEST_SECRETS
      : developmentSecrets(env.DATA_DIR);
  return {
    ...generated,
    ...env,
    HOST: env.HOST ?? (env.APP_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  } as Env;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const isDevelopment = () => getEnv().APP_ENV === "development";
