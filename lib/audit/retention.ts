import type { Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { checkpointSignatureValid } from "./checkpoint";
import { SEALER_LOCK } from "./chain";
import { recordAudit } from "./record";
import { auditSigningKey, type AuditSigningKey } from "./signing-key";

/**
 * Retention (issue 11 §8): with AUDIT_RETENTION_DAYS set, events older than that many days are
 * deleted from the start of the chain, and the chain stays verifiable from the first kept event.
 *
 * Only a prefix of the sealed chain goes, and only up to the first event still inside the window
 * (createdAt is not monotonic in chainSeq: an event sealed later may be older). The prefix ends
 * on a signed checkpoint, whose position and hash become the AuditAnchor the verifier starts
 * from; that checkpoint is kept, so an anchor nobody signed is refused (lib/audit/verify.ts).
 * Each batch is one transaction: the deletion (allowed by the table's trigger only with
 * `tessera.audit_retention` on, and only of sealed events), the anchor, the checkpoints before
 * it and an `audit.pruned` event.
 */
export const PRUNE_BATCH = 50_000;
const DAY_MS = 86_400_000;

export type PruneResult = { pruned: number; throughSeq: bigint | null; cutoff: Date | null };

export async function pruneAuditEvents(
  client: Db,
  now = new Date(),
  options: { days?: number; batch?: number; key?: AuditSigningKey } = {},
): Promise<PruneResult> {
  const days = options.days ?? getEnv().AUDIT_RETENTION_DAYS;
  if (!days) return { pruned: 0, throughSeq: null, cutoff: null };
  const batch = BigInt(options.batch ?? PRUNE_BATCH);
  const key = options.key ?? auditSigningKey();
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const result: PruneResult = { pruned: 0, throughSeq: null, cutoff };

  const anchor = await client.auditAnchor.findFirst({ orderBy: { chainSeq: "desc" } });
  let start = anchor?.chainSeq ?? 0n;
  // The first kept event: the first one, in chain order, inside the window.
  const [inWindow] = await client.$queryRaw<{ chainSeq: bigint }[]>`
    SELECT "chainSeq" FROM "AuditEvent" WHERE "chainSeq" > ${start} AND "createdAt" >= ${cutoff} ORDER BY "chainSeq" LIMIT 1`;
  const [head] = await client.$queryRaw<{ chainSeq: bigint | null }[]>`SELECT max("chainSeq") AS "chainSeq" FROM "AuditEvent"`;
  const limit = inWindow ? BigInt(inWindow.chainSeq) - 1n : head?.chainSeq != null ? BigInt(head.chainSeq) : start;

  while (start < limit) {
    // The furthest checkpoint of ours within this batch, else the first one after `start`.
    const within = { chainSeq: { gt: start, lte: start + batch < limit ? start + batch : limit }, keyId: key.keyId };
    const end =
      (await client.auditCheckpoint.findFirst({ where: within, orderBy: { chainSeq: "desc" } })) ??
      (await client.auditCheckpoint.findFirst({ where: { chainSeq: { gt: start, lte: limit }, keyId: key.keyId }, orderBy: { chainSeq: "asc" } }));
    if (!end) break;
    if (!checkpointSignatureValid(key, end)) throw new Error(`Retention stopped: the checkpoint at ${end.chainSeq} is not validly signed; run npm run audit:verify`);
    const from = start;
    const pruned = await client.$transaction(async (tx) => {
      // Not while the sealer extends the chain from its head.
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${SEALER_LOCK})::text`;
      const event = await tx.auditEvent.findUnique({ where: { chainSeq: end.chainSeq }, select: { chainHash: true } });
      if (event?.chainHash !== end.chainHash) throw new Error(`Retention stopped: the event at ${end.chainSeq} does not match its signed checkpoint; run npm run audit:verify`);
      await tx.$executeRawUnsafe("SET LOCAL tessera.audit_retention = 'on'");
      const deleted = await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "chainSeq" > ${from} AND "chainSeq" <= ${end.chainSeq}`;
      await tx.auditAnchor.create({ data: { chainSeq: end.chainSeq, chainHash: end.chainHash, pruned: deleted } });
      await tx.auditCheckpoint.deleteMany({ where: { chainSeq: { lt: end.chainSeq } } });
      await recordAudit(tx, {
        type: "audit.pruned",
        metadata: { pruned: deleted, throughSeq: end.chainSeq.toString(), cutoff: cutoff.toISOString(), retentionDays: days },
        at: now,
      });
      return deleted;
    });
    result.pruned += pruned;
    result.throughSeq = end.chainSeq;
    start = end.chainSeq;
  }
  return result;
}

const JOB = Symbol.for("tessera.auditRetentionJob");

/** Daily pruning in the server (instrumentation.ts), only when AUDIT_RETENTION_DAYS is set. */
export function startRetentionJob(client: () => Db): void {
  const holder = globalThis as { [JOB]?: NodeJS.Timeout };
  if (holder[JOB] || !getEnv().AUDIT_RETENTION_DAYS) return;
  const run = () =>
    void pruneAuditEvents(client()).catch((error) => console.error("Pruning the audit log failed; the next run tries again:", error));
  holder[JOB] = setInterval(run, DAY_MS);
  holder[JOB].unref();
  setTimeout(run, 60_000).unref();
}
