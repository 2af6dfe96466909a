import { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db";
import { CHAINED_COLUMNS, chainHash, GENESIS_HASH, rowHash, type ChainedRow } from "./canonical";
import { checkpointSignatureValid, type Checkpoint } from "./checkpoint";
import { auditSigningKey, type AuditPublicKey } from "./signing-key";

/**
 * Verifies the sealed chain (issue 11 §2), streaming it in chainSeq order in batches (constant
 * memory), from retention's anchor if there is one. The first problem found stops it:
 * - missing: a position is absent (an event deleted); named: the event after the gap;
 * - edited: the event's content no longer hashes to its place, while the next event still chains
 *   from its stored hash;
 * - out_of_place: the event's hash belongs elsewhere (events reordered, or one inserted);
 * - hash_mismatch: the last event does not hash to its place (edited or appended);
 * - checkpoint_mismatch: a signed checkpoint disagrees with the chain (events rewritten along
 *   with every hash after them);
 * - checkpoint_signature: a checkpoint claims our key but its signature does not verify;
 * - truncated: a signed checkpoint lies beyond the chain's end (the tail deleted);
 * - anchor_unverified: retention's anchor matches no signed checkpoint.
 * Checkpoints signed by another key (one used before a key change) are counted, not trusted.
 */
export type ChainProblem =
  | "missing"
  | "edited"
  | "out_of_place"
  | "hash_mismatch"
  | "checkpoint_mismatch"
  | "checkpoint_signature"
  | "truncated"
  | "anchor_unverified";

export const CHAIN_PROBLEMS: readonly ChainProblem[] = [
  "missing",
  "edited",
  "out_of_place",
  "hash_mismatch",
  "checkpoint_mismatch",
  "checkpoint_signature",
  "truncated",
  "anchor_unverified",
];

export type BrokenLink = { eventId: string | null; seq: bigint; problem: ChainProblem };

export type ChainVerification = {
  ok: boolean;
  /** Events whose hash was checked. */
  checked: number;
  /** The last chain position reached (null: nothing sealed yet). */
  lastSeq: bigint | null;
  broken: BrokenLink | null;
  /** Where the verification started: 0, or retention's anchor. */
  fromSeq: bigint;
  checkpoints: number;
  foreignCheckpoints: number;
  /** Unsealed events older than STALE_UNSEALED_MS: a sealer that stopped. */
  staleUnsealed: number;
};

export const STALE_UNSEALED_MS = 5 * 60_000;
const EVENT_BATCH = 10_000;
const CHECKPOINT_BATCH = 1_000;

type SealedRow = ChainedRow & { chainSeq: bigint; chainHash: string | null };

async function readEvents(client: Db, after: bigint, limit: number): Promise<SealedRow[]> {
  const rows = await client.$queryRaw<SealedRow[]>`
    SELECT ${Prisma.raw(CHAINED_COLUMNS)}, "chainSeq", "chainHash" FROM "AuditEvent"
    WHERE "chainSeq" > ${after} ORDER BY "chainSeq" LIMIT ${limit}`;
  for (const row of rows) row.chainSeq = BigInt(row.chainSeq);
  return rows;
}

/** Signed checkpoints after `after`, in order, read in batches. */
async function* readCheckpoints(client: Db, after: bigint): AsyncGenerator<Checkpoint> {
  let where: Prisma.AuditCheckpointWhereInput = { chainSeq: { gt: after } };
  for (;;) {
    const page = await client.auditCheckpoint.findMany({ where, orderBy: [{ chainSeq: "asc" }, { id: "asc" }], take: CHECKPOINT_BATCH });
    yield* page;
    if (page.length < CHECKPOINT_BATCH) return;
    const last = page.at(-1)!;
    where = { OR: [{ chainSeq: { gt: last.chainSeq } }, { chainSeq: last.chainSeq, id: { gt: last.id } }] };
  }
}

export async function verifyAuditChain(
  client: Db,
  options: { key?: AuditPublicKey; now?: Date; batch?: number } = {},
): Promise<ChainVerification> {
  const key = options.key ?? auditSigningKey();
  const now = options.now ?? new Date();
  const batch = options.batch ?? EVENT_BATCH;
  const staleUnsealed = await client.auditEvent.count({
    where: { chainSeq: null, createdAt: { lt: new Date(now.getTime() - STALE_UNSEALED_MS) } },
  });
  const anchor = await client.auditAnchor.findFirst({ orderBy: { chainSeq: "desc" } });
  const fromSeq = anchor?.chainSeq ?? 0n;
  const result: ChainVerification = { ok: true, checked: 0, lastSeq: anchor ? fromSeq : null, broken: null, fromSeq, checkpoints: 0, foreignCheckpoints: 0, staleUnsealed };
  const fail = (broken: BrokenLink) => ({ ...result, ok: false, broken });

  if (anchor) {
    const signed = await client.auditCheckpoint.findMany({ where: { chainSeq: anchor.chainSeq, chainHash: anchor.chainHash, keyId: key.keyId } });
    if (!signed.some((checkpoint) => checkpointSignatureValid(key, checkpoint))) {
      return fail({ eventId: null, seq: anchor.chainSeq, problem: "anchor_unverified" });
    }
  }

  const checkpoints = readCheckpoints(client, fromSeq);
  let pending: Checkpoint | undefined;
  /** The next checkpoint signed with our key; a bad signature is a break. */
  const nextCheckpoint = async (): Promise<Checkpoint | BrokenLink | undefined> => {
    for (;;) {
      const { value, done } = await checkpoints.next();
      if (done) return undefined;
      if (value.keyId !== key.keyId) {
        result.foreignCheckpoints++;
        continue;
      }
      if (!checkpointSignatureValid(key, value)) return { eventId: null, seq: value.chainSeq, problem: "checkpoint_signature" };
      result.checkpoints++;
      return value;
    }
  };
  const advance = async (): Promise<BrokenLink | null> => {
    const next = await nextCheckpoint();
    if (next && "problem" in next) return next;
    pending = next;
    return null;
  };
  let broken = await advance();

  let previous = anchor?.chainHash ?? GENESIS_HASH;
  let expected = fromSeq + 1n;
  let events = broken ? [] : await readEvents(client, fromSeq, batch);
  while (!broken && events.length > 0) {
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!;
      if (event.chainSeq !== expected) {
        // A checkpoint inside the gap is reported as the gap itself.
        broken = { eventId: event.id, seq: event.chainSeq, problem: "missing" };
        break;
      }
      const computed = chainHash(event.chainSeq, previous, rowHash(event));
      if (computed !== event.chainHash) {
        const following = events[index + 1] ?? (await readEvents(client, event.chainSeq, 1))[0];
        broken = { eventId: event.id, seq: event.chainSeq, problem: classifyMismatch(event, following, pending) };
        break;
      }
      previous = computed;
      result.checked++;
      result.lastSeq = event.chainSeq;
      expected++;
      while (!broken && pending && pending.chainSeq <= event.chainSeq) {
        if (pending.chainHash !== computed) broken = { eventId: event.id, seq: event.chainSeq, problem: "checkpoint_mismatch" };
        else broken = await advance();
      }
      if (broken) break;
    }
    if (broken || events.length < batch) break;
    events = await readEvents(client, events.at(-1)!.chainSeq, batch);
  }
  // A signed checkpoint beyond the last event: the chain once reached further.
  if (!broken && pending) broken = { eventId: null, seq: pending.chainSeq, problem: "truncated" };
  return broken ? fail(broken) : result;
}

function classifyMismatch(event: SealedRow, following: SealedRow | undefined, checkpoint: Checkpoint | undefined): ChainProblem {
  const stored = event.chainHash ?? "";
  if (following && following.chainSeq === event.chainSeq + 1n) {
    return following.chainHash === chainHash(following.chainSeq, stored, rowHash(following)) ? "edited" : "out_of_place";
  }
  if (checkpoint?.chainSeq === event.chainSeq && checkpoint.chainHash === stored) return "edited";
  return "hash_mismatch";
}

export type VerificationSource = "cli" | "console" | "job";

/** Keeps the outcome for the console (AuditVerification). */
export async function recordVerification(client: Tx, verification: ChainVerification, source: VerificationSource) {
  return client.auditVerification.create({
    data: {
      ok: verification.ok,
      checked: verification.checked,
      lastSeq: verification.lastSeq,
      brokenEventId: verification.broken?.eventId ?? null,
      brokenSeq: verification.broken?.seq ?? null,
      problem: verification.broken?.problem ?? null,
      source,
    },
  });
}
