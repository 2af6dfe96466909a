/**
 * The audit chain's cost under concurrent writers (issue 11 §2):
 *
 *   npm run bench:audit-chain                          writers 1, 16, 64; 5 s per phase
 *   npm run bench:audit-chain -- --writers=8,32 --seconds=3
 *
 * On a throw-away database on the PostgreSQL at 127.0.0.1:5432 (BENCH_POSTGRES_URL names
 * another server). Per writer count, two phases: the sealer off, then running every second
 * from a second client (another app instance). Each writer records one audit event per
 * transaction, as the app does, back to back. Prints events/s, write latency p50/p99, the
 * sealer's throughput (events per second of sealing work), and the lag from write to seal.
 * Then verifies the whole chain and prints its speed.
 */
import crypto from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/db/generated/client";
import { applyMigrations, postgresMigrationDatabase } from "../../lib/db/migrate";
import { MIGRATIONS_DIR } from "../../lib/db/migrate/paths";
import { sealAuditEvents } from "../../lib/audit/chain";
import { recordAudit } from "../../lib/audit/record";
import { signingKeyFrom } from "../../lib/audit/signing-key";
import { verifyAuditChain } from "../../lib/audit/verify";
import { throwawayDatabase } from "./lib/servers";
import { percentile } from "./lib/tally";

const SERVER = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function options(args: string[]) {
  const parsed = { writers: [1, 16, 64], seconds: 5 };
  for (const arg of args) {
    const [, name, value = ""] = /^--([a-z]+)=(.*)$/.exec(arg) ?? [];
    if (name === "writers" && /^\d+(,\d+)*$/.test(value)) parsed.writers = value.split(",").map(Number);
    else if (name === "seconds" && /^\d+$/.test(value) && Number(value) > 0) parsed.seconds = Number(value);
    else throw new Error(`Unknown or malformed argument ${arg}. Options: --writers=1,16,64 --seconds=5`);
  }
  return parsed;
}

const key = signingKeyFrom(crypto.randomBytes(32).toString("base64"));
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function phase(app: PrismaClient, sealerApp: PrismaClient, writers: number, seconds: number, sealing: boolean) {
  const latencies: number[] = [];
  const lags: number[] = [];
  let sealed = 0;
  let sealingMs = 0;
  let stop = false;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const sealer = (async () => {
    if (!sealing) return;
    while (!stop) {
      const before = performance.now();
      const [top] = await sealerApp.$queryRaw<{ head: bigint | null }[]>`SELECT max("chainSeq") AS "head" FROM "AuditEvent"`;
      const head = top?.head ?? null;
      const result = await sealAuditEvents(sealerApp, { key });
      const after = performance.now();
      sealingMs += after - before;
      sealed += result.sealed;
      if (result.sealed > 0) {
        const rows = await sealerApp.$queryRaw<{ lag: number }[]>`
          SELECT (extract(epoch FROM clock_timestamp() AT TIME ZONE 'UTC' - "createdAt") * 1000)::float8 AS "lag"
          FROM "AuditEvent" WHERE "chainSeq" > ${head ?? 0n}`;
        for (const row of rows) lags.push(row.lag);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - before))));
    }
  })();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let index = 0;
      while (performance.now() < deadline) {
        const sent = performance.now();
        await app.$transaction((tx) => recordAudit(tx, { type: "auth.sign_in", actorId: `writer-${writer}`, metadata: { index: index++ }, context: { ip: "203.0.113.7", userAgent: "bench" } }));
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await sealer;
  return {
    writers,
    sealing,
    events: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sealed,
    sealRate: sealingMs > 0 ? sealed / (sealingMs / 1000) : 0,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
  };
}

async function main() {
  const { writers, seconds } = options(process.argv.slice(2));
  const database = throwawayDatabase(SERVER, "tessera_bench_chain");
  await database.create();
  const url = database.url;
  const migrations = postgresMigrationDatabase(url);
  try {
    await applyMigrations(migrations, { migrationsDir: MIGRATIONS_DIR });
  } finally {
    await migrations.close();
  }
  const app = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: Math.max(...writers) + 4 }), transactionOptions: { maxWait: 60_000, timeout: 30_000 } });
  const sealerApp = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), transactionOptions: { maxWait: 60_000, timeout: 60_000 } });
  try {
    console.log(`Audit chain cost: ${seconds} s per phase, writers ${writers.join(", ")}, one event per transaction\n`);
    console.log("writers  sealer  events/s  write p50  write p99  sealed  sealing ev/s  lag p50   lag p99");
    for (const count of writers) {
      for (const sealing of [false, true]) {
        // Drain what an earlier phase left, untimed, so each phase starts level.
        await sealAuditEvents(sealerApp, { key });
        const r = await phase(app, sealerApp, count, seconds, sealing);
        console.log(
          `${String(r.writers).padStart(7)}  ${(r.sealing ? "1/s" : "off").padStart(6)}  ${r.perSecond.toFixed(0).padStart(8)}  ${ms(r.p50).padStart(9)}  ${ms(r.p99).padStart(9)}  ${String(r.sealed).padStart(6)}  ${r.sealing ? r.sealRate.toFixed(0).padStart(12) : "           -"}  ${r.sealing ? ms(r.lagP50).padStart(8) : "       -"}  ${r.sealing ? ms(r.lagP99).padStart(8) : "       -"}`,
        );
      }
    }
    const drained = performance.now();
    const rest = await sealAuditEvents(sealerApp, { key });
    const drainSeconds = (performance.now() - drained) / 1000;
    console.log(`\nSealed the remaining ${rest.sealed} events in ${drainSeconds.toFixed(2)} s (${(rest.sealed / Math.max(drainSeconds, 0.001)).toFixed(0)} events/s, batches of 5,000).`);
    const verifying = performance.now();
    const verification = await verifyAuditChain(sealerApp, { key });
    const verifySeconds = (performance.now() - verifying) / 1000;
    console.log(`Verified ${verification.checked} events in ${verifySeconds.toFixed(2)} s: ${(verification.checked / verifySeconds).toFixed(0)} events/s, ${verification.ok ? "OK" : `BROKEN ${JSON.stringify(verification.broken, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`}.`);
    if (!verification.ok) process.exitCode = 1;
  } finally {
    await app.$disconnect();
    await sealerApp.$disconnect();
    await database.drop();
  }
}

await main();
