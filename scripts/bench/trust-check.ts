/**
 * What "Once per computer" adds to a password sign-in: checking this browser's trust cookie and
 * rotating its token (lib/mfa/trusted-computers.ts redeemTrustedComputer), inside the sign-in's
 * own transaction. Prints the median server time of that step and the SQL statements it runs,
 * then, for scale, whole signInWithPassword calls on a trusted browser and on one that is
 * challenged (both include the password hash).
 *
 *   npx tsx scripts/bench/trust-check.ts                 # embedded PGlite (temp folder)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx scripts/bench/trust-check.ts
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

const { db, closeDb } = await import("@/lib/db");
type Tx = import("@/lib/db").Tx;
const { createUser, enrolTotp, context, PASSWORD } = await import("@/test/factories");
const { trustComputer, redeemTrustedComputer } = await import("@/lib/mfa/trusted-computers");
const { signInWithPassword } = await import("@/lib/auth/sign-in");

// Counts the statements a piece of work sends, through Prisma's query extension (every model
// and raw query passes through it; BEGIN/COMMIT of the surrounding transaction do not).
let statements = 0;
const counted = db.$extends({ query: { $allOperations: ({ args, query }) => (statements++, query(args)) } });

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms   p90 ${at(0.9).toFixed(2)} ms   (${samples.length} runs)`;
};

const RUNS = 200;
// One browser throughout, so only the first completed sign-in is a "new browser" email.
const DEVICE = "bench-browser-".padEnd(32, "x");
const user = await createUser();
await enrolTotp(user.id);
await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "once_per_computer" } });

// The step alone, timed inside an open transaction as the sign-in runs it.
let value = (await trustComputer(user.id, "totp", context)).value;
const step: number[] = [];
const perRun: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await counted.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1`;
    statements = 0;
    const started = performance.now();
    const next = await redeemTrustedComputer(tx as unknown as Tx, user.id, value, context);
    step.push(performance.now() - started);
    perRun.push(statements);
    if (!next) throw new Error(`run ${i}: the trust was refused`);
    value = next.value;
  });
}

// Whole sign-ins, for scale: on the trusted browser (no challenge) and at Every login (challenged).
const trusted: number[] = [];
for (let i = 0; i < 40; i++) {
  const started = performance.now();
  const result = await signInWithPassword({ email: user.email, password: PASSWORD, trustToken: value, deviceId: DEVICE }, { ...context, ip: "127.0.0.2" });
  trusted.push(performance.now() - started);
  if (!result.ok || !result.trust) throw new Error(`trusted sign-in ${i} was challenged or refused`);
  value = result.trust.value;
}
await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: "every_login" } });
const challenged: number[] = [];
for (let i = 0; i < 40; i++) {
  const started = performance.now();
  const result = await signInWithPassword({ email: user.email, password: PASSWORD, trustToken: value, deviceId: DEVICE }, { ...context, ip: "127.0.0.3" });
  challenged.push(performance.now() - started);
  if (!result.ok || result.trust) throw new Error(`challenged sign-in ${i} went wrong`);
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
console.log(`node ${process.version}, ${os.availableParallelism()} cpus, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}`);
console.log(`trust check + rotation (one UPDATE … RETURNING)   ${stats(step)}   SQL statements per run: median ${median(perRun)}, max ${Math.max(...perRun)}`);
console.log(`signInWithPassword on a trusted browser          ${stats(trusted)}`);
console.log(`signInWithPassword at Every login (challenged)   ${stats(challenged)}`);
await closeDb();
if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
