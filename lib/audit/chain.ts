import { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db";
import { CHAINED_COLUMNS, chainHash, GENESIS_HASH, rowHash, type ChainedRow } from "./canonical";
import { signCheckpoint } from "./checkpoint";
import { auditSigningKey, type AuditSigningKey } from "./signing-key";

/**
 * The sealer (issue 11 §2). Events are written unsealed by whatever transaction records them: no
 * lock, nothing serialised on the write path. This chains them afterwards, in batches:
 *
 * - Only events whose writing transaction has ended: the sealer reads in READ COMMITTED, so an
 *   event is visible to it only once its transaction committed; an open transaction's event
 *   waits for the next run. Each batch takes the oldest (txid, createdAt, id) first. A horizon
 *   of `txid < pg_snapshot_xmin(pg_current_snapshot())` was tried first: transaction ids are
 *   shared by the whole PostgreSQL cluster, so one long writing transaction in any database
 *   of the server (a bulk load, a migration) stopped all sealing until it ended; it was measured
 *   doing so here (a 10 M-row seed in another database). Visibility alone loses nothing: an
 *   event that commits later is simply sealed by a later batch.
 * - One sealer at a time: a transaction-level advisory lock; a second instance finds it taken and
 *   returns (the running one seals everything anyway).
 * - Each batch continues from the chain's head (the last sealed event, or retention's anchor),
 *   sets chainSeq/chainHash in one UPDATE (the only UPDATE the table's trigger allows) and ends
 *   with a checkpoint signed by AUDIT_SIGNING_KEY, all in one transaction.
 */
export const SEALER_LOCK = 0x7e55e7a; // pg_try_advisory_xact_lock key: "tessera audit sealer"
export const SEAL_BATCH = 5_000;

export type ChainHead = { chainSeq: bigint; chainHash: string };
type UnsealedRow = ChainedRow & { txid: bigint };

/** The last chained position: the newest sealed event, else retention's anchor, else the genesis. */
export async function chainHead(tx: Tx): Promise<ChainHead> {
  const [event] = await tx.$queryRaw<ChainHead[]>`
    SELECT "chainSeq", "chainHash" FROM "AuditEvent" WHERE "chainSeq" IS NOT NULL ORDER BY "chainSeq" DESC LIMIT 1`;
  const anchor = await tx.auditAnchor.findFirst({ orderBy: { chainSeq: "desc" }, select: { chainSeq: true, chainHash: true } });
  if (event && (!anchor || event.chainSeq > anchor.chainSeq)) return { chainSeq: BigInt(event.chainSeq), chainHash: event.chainHash };
  return anchor ?? { chainSeq: 0n, chainHash: GENESIS_HASH };
}

export type SealResult = { sealed: number; checkpoints: number; busy: boolean };

/** Seals every event whose transaction has ended; `busy` when another sealer held the lock. */
export async function sealAuditEvents(
  client: Db,
  options: { batch?: number; key?: AuditSigningKey; now?: () => Date } = {},
): Promise<SealResult> {
  const batch = options.batch ?? SEAL_BATCH;
  const key = options.key ?? auditSigningKey();
  const now = options.now ?? (() => new Date());
  const result: SealResult = { sealed: 0, checkpoints: 0, busy: false };
  for (;;) {
    const sealed = await client.$transaction((tx) => sealBatch(tx, batch, key, now));
    if (sealed === null) return { ...result, busy: true };
    result.sealed += sealed;
    if (sealed > 0) result.checkpoints++;
    if (sealed < batch) return result;
  }
}

async function sealBatch(tx: Tx, batch: number, key: AuditSigningKey, now: () => Date): Promise<number | null> {
  const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS "locked"`;
  if (!lock?.locked) return null;
  const rows = await tx.$queryRaw<UnsealedRow[]>`
    SELECT ${Prisma.raw(CHAINED_COLUMNS)}, "txid" FROM "AuditEvent"
    WHERE "chainSeq" IS NULL
    ORDER BY "txid", "createdAt", "id"
    LIMIT ${batch}`;
  if (rows.length === 0) {
    await signHeadAfterKeyChange(tx, key, now);
    return 0;
  }
  let { chainSeq: seq, chainHash: previous } = await chainHead(tx);
  const ids: string[] = [];
  const seqs: string[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    seq += 1n;
    previous = chainHash(seq, previous, rowHash(row));
    ids.push(row.id);
    seqs.push(seq.toString());
    hashes.push(previous);
  }
  const updated = await tx.$executeRaw`
    UPDATE "AuditEvent" AS e SET "chainSeq" = s.seq, "chainHash" = s.hash
    FROM unnest(${ids}::text[], ${seqs}::text[]::bigint[], ${hashes}::text[]) AS s(id, seq, hash)
    WHERE e."id" = s.id AND e."chainSeq" IS NULL`;
  // Under the lock nothing else seals, so a shortfall means the table is not what we read: stop.
  if (updated !== rows.length) throw new Error(`The audit sealer updated ${updated} of ${rows.length} events; rolled back`);
  const checkpoint = signCheckpoint(key, seq, previous, now());
  await tx.auditCheckpoint.create({ data: checkpoint });
  return rows.length;
}

/**
 * After AUDIT_SIGNING_KEY changed, the chain's head gets a checkpoint signed with the new key, so
 * every sealed event reaches one the current key signed (bundles link only to those).
 */
async function signHeadAfterKeyChange(tx: Tx, key: AuditSigningKey, now: () => Date): Promise<void> {
  const latest = await tx.auditCheckpoint.findFirst({ orderBy: [{ chainSeq: "desc" }, { createdAt: "desc" }], select: { keyId: true } });
  if (!latest || latest.keyId === key.keyId) return;
  const head = await chainHead(tx);
  if (head.chainSeq > 0n) await tx.auditCheckpoint.create({ data: signCheckpoint(key, head.chainSeq, head.chainHash, now()) });
}

const JOB = Symbol.for("tessera.auditSealerJob");
export const SEAL_INTERVAL_MS = 3_000;

/**
 * Seals every few seconds in the server (instrumentation.ts); quiet unless it fails. Several
 * instances may run it: the advisory lock lets one seal at a time.
 */
export function startAuditSealer(client: () => Db): void {
  const holder = globalThis as { [JOB]?: NodeJS.Timeout };
  if (holder[JOB]) return;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await sealAuditEvents(client());
    } catch (error) {
      console.error("Sealing the audit log failed; the next run tries again:", error);
    } finally {
      running = false;
    }
  };
  holder[JOB] = setInterval(() => void run(), SEAL_INTERVAL_MS);
  holder[JOB].unref();
}
