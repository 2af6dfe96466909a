/**
 * The cost of one whole second-factor verification through verifySecondFactor: session and
 * lock checks, decrypt, TOTP match, the compare-and-set and audit event in one transaction.
 *
 *   npx tsx scripts/bench/verify-second-factor.ts                 # embedded PGlite (temp folder)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx scripts/bench/verify-second-factor.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.APP_ENV = "test";
const tempDir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tessera-bench-"));
if (tempDir) process.env.DATA_DIR = tempDir;

const { applyMigrations, openMigrationTarget } = await import("@/lib/db/migrate");
const target = openMigrationTarget();
await applyMigrations(target, { migrationsDir: path.resolve("prisma/migrations") });
await target.close();

const { closeDb } = await import("@/lib/db");
const { createUser, enrolTotp, openSession, context } = await import("@/test/factories");
const { generateTotp } = await import("@/lib/mfa/totp");
const { verifySecondFactor } = await import("@/lib/mfa/verify-second-factor");

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms   p90 ${at(0.9).toFixed(2)} ms   (${samples.length} runs)`;
};

const T0 = Date.UTC(2026, 0, 1);
const user = await createUser();
const { secret, recoveryCodes } = await enrolTotp(user.id, new Date(T0));

const totp: number[] = [];
for (let i = 1; i <= 200; i++) {
  const now = new Date(T0 + i * 30_000); // a new time step each run: each code is accepted once
  const session = await openSession(user.id, "two_factor", now);
  const started = performance.now();
  const result = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "totp", code: generateTotp(secret, now), purpose: "sign_in" }, context, now);
  totp.push(performance.now() - started);
  if (!result.ok) throw new Error(`run ${i} failed: ${result.code}`);
}

const recovery: number[] = [];
for (const code of recoveryCodes.slice(0, 12)) {
  const now = new Date(T0 + 201 * 30_000);
  const session = await openSession(user.id, "two_factor", now);
  const started = performance.now();
  const result = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "recovery_code", code, purpose: "sign_in" }, context, now);
  recovery.push(performance.now() - started);
  if (!result.ok) throw new Error(`recovery code failed: ${result.code}`);
}

console.log(`node ${process.version}, ${os.availableParallelism()} cpus, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}`);
console.log(`verifySecondFactor, authenticator code   ${stats(totp)}`);
console.log(`verifySecondFactor, recovery code        ${stats(recovery)} (includes the "code used" email to the outbox)`);
await closeDb();
if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
