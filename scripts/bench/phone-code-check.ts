/**
 * The server-side cost of checking a code sent by text message: verifySecondFactor with an sms
 * proof at the sign-in challenge (attempt claim, the code's lookup and constant-time compare,
 * the winning compare-and-set with the session upgrade and audit event), and of a wrong one.
 * Prints the median time and the SQL statements each check sends to the database (counted at
 * the driver adapter: every query a transaction runs, its BEGIN and COMMIT apart).
 *
 *   npx tsx scripts/bench/phone-code-check.ts                 # embedded PGlite (temp folder)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx scripts/bench/phone-code-check.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from "@prisma/driver-adapter-utils";

process.env.APP_ENV = "test";
const tempDir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tessera-bench-"));
if (tempDir) process.env.DATA_DIR = tempDir;

const { applyMigrations, openMigrationTarget } = await import("@/lib/db/migrate");
const target = openMigrationTarget();
await applyMigrations(target, { migrationsDir: path.resolve("prisma/migrations") });
await target.close();

// The app's client, with its adapter wrapped so every statement it sends is counted.
const { setDb, closeDb, POOL_SIZE, TRANSACTION_OPTIONS } = await import("@/lib/db");
const { PrismaClient } = await import("@/lib/db/generated/client");
const { PrismaPg } = await import("@prisma/adapter-pg");
const { PrismaPGlite } = await import("pglite-prisma-adapter");
const { openEmbeddedDatabase } = await import("@/lib/db/embedded");
const { getEnv } = await import("@/lib/env");

let statements = 0;
let transactions = 0;
function counted<T extends SqlQueryable>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (...args: unknown[]) => ((statements++, value.apply(target, args)));
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => (transactions++, counted(await value.apply(target, args)));
      }
      return value.bind(target);
    },
  });
}
const pglite = process.env.DATABASE_URL ? null : openEmbeddedDatabase(getEnv().DATA_DIR);
const inner: SqlDriverAdapterFactory = pglite ? new PrismaPGlite(pglite) : new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: POOL_SIZE });
const adapter: SqlDriverAdapterFactory = {
  provider: inner.provider,
  adapterName: inner.adapterName,
  connect: async () => counted((await inner.connect()) as SqlDriverAdapter),
};
setDb(new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }));

const { db } = await import("@/lib/db");
const { createUser, openSession, sudoActor, context } = await import("@/test/factories");
const { parsePhoneNumber } = await import("@/lib/mfa/phone-number");
const { startPhoneEnrolment, verifyPhoneEnrolment } = await import("@/lib/mfa/phone-enrolment");
const { sendChallengeCode } = await import("@/lib/mfa/phone-codes");
const { verifySecondFactor } = await import("@/lib/mfa/verify-second-factor");

const codeSentTo = async (to: string) => {
  const message = await db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  return message.text.match(/#(\d{6})\s*$/)![1]!;
};
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
const p90 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.9)]!;

const T0 = Date.UTC(2026, 0, 1);
const user = await createUser();
const parsed = parsePhoneNumber("+81 90-1234-5678");
if (!parsed.ok) throw new Error(parsed.problem);
const actor = await sudoActor(user.id, new Date(T0));
const started = await startPhoneEnrolment(actor, { phone: parsed.phone, channel: "sms", fallback: false }, context, new Date(T0));
await verifyPhoneEnrolment(actor, { factorId: started.factorId, code: await codeSentTo(parsed.phone.e164) }, context, new Date(T0));

const WARM_UP = 50;
const RUNS = 300;
const right = { ms: [] as number[], statements: [] as number[], transactions: [] as number[] };
const wrong = { ms: [] as number[], statements: [] as number[], transactions: [] as number[] };
for (let i = 1; i <= WARM_UP + RUNS; i++) {
  // 13 minutes apart: the send throttle allows 5 an hour.
  const now = new Date(T0 + i * 13 * 60_000);
  const session = await openSession(user.id, "two_factor", now);
  await sendChallengeCode({ userId: user.id, sessionId: session.id, factorId: started.factorId, channel: "sms", purpose: "sign_in" }, context, now);
  const code = await codeSentTo(parsed.phone.e164);
  const checkAt = new Date(now.getTime() + 5_000);
  for (const [sample, proof] of [
    [wrong, code === "000000" ? "111111" : "000000"],
    [right, code],
  ] as const) {
    statements = 0;
    transactions = 0;
    const begin = performance.now();
    const result = await verifySecondFactor({ userId: user.id, sessionId: session.id, method: "sms", code: proof, factorId: started.factorId, purpose: "sign_in" }, context, checkAt);
    const ms = performance.now() - begin;
    if (result.ok !== (sample === right)) throw new Error(`run ${i}: unexpected ${JSON.stringify(result)}`);
    if (i > WARM_UP) {
      sample.ms.push(ms);
      sample.statements.push(statements);
      sample.transactions.push(transactions);
    }
  }
}

console.log(`node ${process.version}, ${os.availableParallelism()} cpus, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}, ${RUNS} runs after ${WARM_UP} to warm up`);
for (const [name, sample] of [
  ["right sms code (passes the sign-in)", right],
  ["wrong sms code (counted)           ", wrong],
] as const) {
  console.log(
    `verifySecondFactor, ${name}  median ${median(sample.ms).toFixed(2)} ms  p90 ${p90(sample.ms).toFixed(2)} ms  ` +
      `SQL statements: median ${median(sample.statements)} (transactions: ${median(sample.transactions)})`,
  );
}
await closeDb();
pglite?.close();
if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
