/**
 * The server-side cost of one security-key verification through verifySecondFactor (a sign-in
 * with a webauthn proof): attempt claim, the challenge used up and the key found in one
 * statement, the ES256 signature check, the winning compare-and-set with the session upgrade
 * and audit event. Prints the median and p90 and the SQL statements one verification sends
 * (Prisma's query log), not an assertion. The options request before it (one statement to store
 * the challenge) is timed apart.
 *
 *   npx tsx scripts/bench/verify-webauthn.ts                 # embedded PGlite (temp folder)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx scripts/bench/verify-webauthn.ts
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

// The app's client, with Prisma's query log on: every statement the verification sends is counted.
const { setDb, closeDb, TRANSACTION_OPTIONS } = await import("@/lib/db");
const { PrismaClient } = await import("@/lib/db/generated/client");
const { PrismaPg } = await import("@prisma/adapter-pg");
const { PrismaPGlite } = await import("pglite-prisma-adapter");
const { openEmbeddedDatabase } = await import("@/lib/db/embedded");
const adapter = process.env.DATABASE_URL ? new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 4 }) : new PrismaPGlite(openEmbeddedDatabase(tempDir!));
const client = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS, log: [{ emit: "event", level: "query" }] });
let statements: string[] = [];
client.$on("query", (event) => statements.push(event.query));
setDb(client);

const { createUser, openSession, context } = await import("@/test/factories");
const { enrolSecurityKey } = await import("@/test/webauthn-authenticator");
const { securityKeyOptions } = await import("@/lib/mfa/webauthn/authentication-options");
const { verifySecondFactor } = await import("@/lib/mfa/verify-second-factor");
const { checkAssertion } = await import("@/lib/mfa/webauthn/assertions");
const { parseAssertion } = await import("@/lib/mfa/webauthn/responses");

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms   p90 ${at(0.9).toFixed(2)} ms   (${samples.length} runs)`;
};

const T0 = Date.UTC(2026, 0, 1);
const user = await createUser();
const { authenticator } = await enrolSecurityKey(user.id, new Date(T0));

const RUNS = 300;
const WARMUP = 50;
const verify: number[] = [];
const options: number[] = [];
let counted: string[] = [];
for (let i = 1; i <= WARMUP + RUNS; i++) {
  const now = new Date(T0 + i * 1000);
  const session = await openSession(user.id, "two_factor", now);
  let started = performance.now();
  const request = await securityKeyOptions({ userId: user.id, sessionId: session.id, purpose: "sign_in" }, now);
  if (i > WARMUP) options.push(performance.now() - started);
  const response = JSON.stringify(authenticator.assert(request));
  statements = [];
  started = performance.now();
  const result = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "webauthn", response, code: "", purpose: "sign_in" }, context, now);
  if (i > WARMUP) verify.push(performance.now() - started);
  if (!result.ok) throw new Error(`run ${i} failed: ${result.code}`);
  if (i === WARMUP + RUNS) counted = [...statements];
}

// The signature check alone (no database): what the key costs beyond a code's statements.
const key = await client.twoFactorFactor.findFirstOrThrow({ where: { userId: user.id, type: "webauthn" } });
const stored = { id: key.id, name: key.name, credentialId: key.credentialId!, publicKey: new Uint8Array(key.publicKey!), signCount: 0n, transports: key.transports, backupEligible: key.backupEligible };
const sample = authenticator.assert({ challenge: "c2FtcGxlLWNoYWxsZW5nZS1mb3ItdGhlLWJlbmNo" });
const signature: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const started = performance.now();
  if (!(await checkAssertion(parseAssertion(JSON.stringify(sample))!, "c2FtcGxlLWNoYWxsZW5nZS1mb3ItdGhlLWJlbmNo", stored))) throw new Error("the sample did not verify");
  if (i >= WARMUP) signature.push(performance.now() - started);
}

console.log(`node ${process.version}, ${os.availableParallelism()} cpus, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}`);
console.log(`securityKeyOptions (sign-in)              ${stats(options)}`);
console.log(`verifySecondFactor, security key          ${stats(verify)}`);
console.log(`  of which parse + signature check, no I/O ${stats(signature)}`);
console.log(`SQL statements per verification: ${counted.length}`);
for (const sql of counted) console.log(`  - ${sql.replace(/\s+/g, " ").slice(0, 110)}`);
await closeDb();
if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
