/**
 * The app's side of a benchmark: its own modules loaded against the throw-away database, and
 * people seeded directly in it (outside any timed part).
 */
import crypto from "node:crypto";
import path from "node:path";
import { root } from "./servers";

/**
 * The app's own modules, loaded only after `env` is in process.env: lib/env reads the
 * environment once and lib/db connects to whatever DATABASE_URL said then.
 */
export async function loadApp(env: Record<string, string>) {
  Object.assign(process.env, env);
  const [{ db, closeDb }, { hashPassword }, enrolment, { generateTotp }, migrate] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/auth/password"),
    import("@/lib/mfa/totp-enrolment"),
    import("@/lib/mfa/totp"),
    import("@/lib/db/migrate"),
  ]);
  return { db, closeDb, hashPassword, generateTotp, ...enrolment, ...migrate };
}
export type App = Awaited<ReturnType<typeof loadApp>>;

/** Applies prisma/migrations to the database at `databaseUrl`. */
export async function migrateDatabase(app: App, databaseUrl: string): Promise<void> {
  const target = app.postgresMigrationDatabase(databaseUrl);
  try {
    await app.applyMigrations(target, { migrationsDir: path.join(root, "prisma/migrations") });
  } finally {
    await target.close();
  }
}

export type Person = { id: string; email: string; password: string; secret: string | null; recoveryCodes: string[] };

export const PASSWORD = "correct horse battery staple, at length";
const seedContext = { ip: "127.0.0.1", userAgent: "tessera-bench (seed)" };
let passwordHash: Promise<string> | undefined;

/**
 * A person with a verified email and the bench password, made directly in the database.
 * - "password": no second factor.
 * - "totp": an authenticator enrolled through the app's own enrolment (which also makes the
 *   recovery codes), five minutes ago, so the current code has not been used yet.
 * - "totp, no recovery codes": the same secret handling, activated directly: a recovery set
 *   costs 16 argon2 hashes, and people of the load runs do not need one.
 */
export async function seedPerson(app: App, kind: "password" | "totp" | "totp, no recovery codes"): Promise<Person> {
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
    // What confirming the first factor sets (lib/mfa/level.ts): the factor is asked at every login.
    await app.db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "every_login" } });
  }
  return person;
}

export function currentTotp(app: App, person: Person): string {
  return app.generateTotp(person.secret!, new Date());
}
