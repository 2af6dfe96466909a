import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db";
import type { AuditFilter } from "@/lib/support/audit-filter";
import { auditFilterSql } from "@/lib/support/audit-filter";
import { CHAINED_COLUMNS, GENESIS_HASH, rowHash, rowJson, type ChainedRow } from "./canonical";
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleHeader, type BundleLine } from "./bundle-format";
import { auditScopeSql, type AuditScope } from "./scope";
import { auditSigningKey, type AuditSigningKey } from "./signing-key";

/**
 * Writes the audit bundle of a filter (format: ./bundle-format.ts), one line at a time and in
 * constant memory: the filter's sealed events in chain order, each with the hash before it, the
 * row hashes of the other events from it to the next checkpoint signed with the current key, and
 * those checkpoints. Seal first: only sealed events are included.
 */
const PAGE = 1_000;
type SealedRow = ChainedRow & { chainSeq: bigint; chainHash: string };

async function sealedRows(client: Db, condition: Prisma.Sql, after: bigint, limit: number): Promise<SealedRow[]> {
  const rows = await client.$queryRaw<SealedRow[]>`
    SELECT ${Prisma.raw(CHAINED_COLUMNS.replace(/"(\w+)"/g, '"e"."$1"'))}, "e"."chainSeq", "e"."chainHash" FROM "AuditEvent" AS "e"
    WHERE "e"."chainSeq" > ${after} AND ${condition} ORDER BY "e"."chainSeq" LIMIT ${limit}`;
  for (const row of rows) row.chainSeq = BigInt(row.chainSeq);
  return rows;
}

const line = (value: BundleHeader | BundleLine) => `${JSON.stringify(value)}\n`;

export async function* auditBundleLines(
  client: Db,
  input: { filter: AuditFilter; scope: AuditScope; now?: Date; key?: AuditSigningKey },
): AsyncGenerator<string> {
  const key = input.key ?? auditSigningKey();
  yield line({
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: (input.now ?? new Date()).toISOString(),
    filter: input.filter,
    publicKey: key.publicKeyPem,
    keyId: key.keyId,
  });
  const selected = Prisma.sql`${auditFilterSql(input.filter, '"e"')} AND ${auditScopeSql(input.scope, '"e"')}`;
  const anchor = await client.auditAnchor.findFirst({ orderBy: { chainSeq: "desc" } });

  /** The open stretch: from an included event to the checkpoint that covers it. */
  let open: { covered: bigint; checkpoint: { chainSeq: bigint; chainHash: string; createdAt: Date; keyId: string; signature: string } } | null = null;
  let lastHash = "";
  let events = 0;

  async function* links(from: bigint, to: bigint): AsyncGenerator<string> {
    let after = from - 1n;
    while (after < to) {
      const page = await sealedRows(client, Prisma.sql`"e"."chainSeq" <= ${to}`, after, PAGE * 5);
      if (page.length === 0) return;
      for (const row of page) {
        yield line({ kind: "link", seq: row.chainSeq.toString(), rowHash: rowHash(row) });
        lastHash = row.chainHash;
      }
      after = page.at(-1)!.chainSeq;
    }
  }
  async function* close(): AsyncGenerator<string> {
    if (!open) return;
    yield* links(open.covered + 1n, open.checkpoint.chainSeq);
    const { chainSeq, chainHash, createdAt, keyId, signature } = open.checkpoint;
    yield line({ kind: "checkpoint", seq: chainSeq.toString(), chainHash, createdAt: createdAt.toISOString(), keyId, signature });
    open = null;
  }
  async function hashBefore(seq: bigint): Promise<string> {
    if (anchor && anchor.chainSeq === seq - 1n) return anchor.chainHash;
    if (seq === 1n) return GENESIS_HASH;
    const previous = await client.auditEvent.findUnique({ where: { chainSeq: seq - 1n }, select: { chainHash: true } });
    return previous?.chainHash ?? GENESIS_HASH;
  }

  let cursor = anchor?.chainSeq ?? 0n;
  for (;;) {
    const page = await sealedRows(client, selected, cursor, PAGE);
    for (const row of page) {
      if (open && row.chainSeq > open.checkpoint.chainSeq) yield* close();
      let prevHash: string;
      if (open) {
        yield* links(open.covered + 1n, row.chainSeq - 1n);
        prevHash = lastHash;
        open.covered = row.chainSeq;
      } else {
        const checkpoint = await client.auditCheckpoint.findFirst({
          where: { chainSeq: { gte: row.chainSeq }, keyId: key.keyId },
          orderBy: { chainSeq: "asc" },
        });
        // Sealing writes a checkpoint with every batch: only an event sealed under a former key
        // can lack one, until the sealer signs the head with the current key (it does at its next run).
        if (!checkpoint) continue;
        prevHash = await hashBefore(row.chainSeq);
        open = { covered: row.chainSeq, checkpoint };
      }
      yield line({ kind: "event", seq: row.chainSeq.toString(), prevHash, row: rowJson(row) });
      lastHash = row.chainHash;
      events++;
    }
    if (page.length < PAGE) break;
    cursor = page.at(-1)!.chainSeq;
  }
  yield* close();
  yield line({ kind: "end", events });
}
