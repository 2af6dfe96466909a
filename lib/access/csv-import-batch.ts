import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { keyFromEnv } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { accessCodeDigest, sealAccessCode } from "./codes";
import { openRowCodes, type StoredRow } from "./csv-import";
import { assertCan, auditActor, type AccessActor } from "./permissions";

/**
 * CSV import, step two: one batch per call (the page calls again until done, showing the
 * progress). A batch is ONE transaction: its claim on the import, its users, cards and codes,
 * and its one audit event land together or not at all, so a failure leaves no half batch.
 *
 * The claim comes first: `UPDATE … SET done = done + n WHERE done = <what the caller read>`.
 * A second tab, or a second app instance, asking for the same batch waits on that row's lock
 * and then finds `done` moved on: it imports nothing and reports the progress.
 *
 * Idempotent by external id: a user is created or updated (only when something differs), and
 * their cards and codes become exactly the file's (only the difference is written), so the
 * same file imported again changes nothing. All of it set-based: a handful of statements per
 * batch whatever its size, never one per row.
 */
export const IMPORT_BATCH_SIZE = 1_000;
/** A large file takes bigger batches, so the fixed cost of a call (its claim, its audit event) stays small beside the rows. */
export const IMPORT_MAX_CALLS = 50;

export type ImportProgress = { state: "previewed" | "importing" | "done" | "cancelled"; done: number; total: number };
export type BatchResult = ImportProgress & { created: number; updated: number };

/**
 * Where an import stands, without reading its rows: a large JSON value is read (and
 * decompressed) only where it is used, so this stays cheap however big the file.
 */
async function readProgress(projectId: string, importId: string): Promise<ImportProgress & { hasErrors: boolean }> {
  const [found] = await db.$queryRaw<(ImportProgress & { hasErrors: boolean })[]>`
    SELECT "state"::text AS "state", "done", "total", jsonb_array_length("errors") > 0 AS "hasErrors"
    FROM "AccessImport" WHERE "id" = ${importId} AND "projectId" = ${projectId}`;
  if (!found) throw new AppError("not_found");
  return found;
}

export function batchSizeFor(total: number): number {
  return Math.max(IMPORT_BATCH_SIZE, Math.ceil(total / IMPORT_MAX_CALLS));
}

export async function importAccessBatch(
  actor: AccessActor,
  importId: string,
  context: RequestContext,
  options: { batchSize?: number; now?: Date } = {},
): Promise<BatchResult> {
  assertCan(actor, "transfer");
  const current = await readProgress(actor.projectId, importId);
  if (current.hasErrors) throw new AppError("import_has_errors");
  const progress = (done: number, state: ImportProgress["state"], created = 0, updated = 0): BatchResult => ({ state, done, total: current.total, created, updated });
  if (current.state === "done" || current.state === "cancelled") return progress(current.done, current.state);

  const size = Math.max(1, options.batchSize ?? batchSizeFor(current.total));
  const from = current.done;
  const count = Math.min(size, current.total - from);
  const now = options.now ?? new Date();
  const finished = from + count >= current.total;

  const written = await db.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      UPDATE "AccessImport" SET "done" = "done" + ${count}, "state" = ${finished ? "done" : "importing"}::"AccessImportState", "updatedAt" = ${now}
      WHERE "id" = ${importId} AND "projectId" = ${actor.projectId} AND "done" = ${from} AND "state" IN ('previewed', 'importing')`;
    if (claimed === 0) return null;
    const [slice] = await tx.$queryRaw<{ rows: StoredRow[] | null }[]>`
      SELECT jsonb_path_query_array("rows", ${`$.list[${from} to ${from + count - 1}]`}::jsonpath) AS "rows" FROM "AccessImport" WHERE "id" = ${importId}`;
    const rows = slice?.rows ?? [];
    if (rows.length !== count) throw new Error(`Import ${importId}: expected ${count} rows at ${from}, found ${rows.length}`);
    const counts = await writeRows(tx, actor.projectId, importId, rows, now);
    const { actorId, apiKeyId } = auditActor(actor);
    const keyField = apiKeyId ? { apiKeyId } : {};
    await recordAudit(tx, {
      type: "access.import_batch",
      actorId,
      projectId: actor.projectId,
      metadata: { importId, from, rows: count, created: counts.created, updated: counts.updated, ...keyField },
      context,
      at: now,
    });
    if (finished) {
      // The sealed codes go with the rows: an import that is over keeps only its counts.
      await tx.$executeRaw`UPDATE "AccessImport" SET "rows" = jsonb_set("rows", '{list}', '[]'::jsonb) WHERE "id" = ${importId}`;
      await recordAudit(tx, { type: "access.import_finished", actorId, projectId: actor.projectId, metadata: { importId, done: current.total, total: current.total, ...keyField }, context, at: now });
    }
    return counts;
  });
  if (written) return progress(from + count, finished ? "done" : "importing", written.created, written.updated);
  // Another call took this batch: report where the import stands now.
  const after = await readProgress(actor.projectId, importId);
  return { ...after, created: 0, updated: 0 } as BatchResult;
}

/** The batch's users, cards and codes. Throws import_card_taken (naming the row) when another access user holds a card. */
async function writeRows(tx: Tx, projectId: string, importId: string, rows: StoredRow[], now: Date) {
  const externalIds = rows.map((row) => row[1]);
  const upserted = await tx.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO "AccessUser" ("id", "projectId", "name", "email", "externalId", "status", "createdAt", "updatedAt")
    SELECT x.id, ${projectId}, x.name, x.email, x.ext, x.status::"AccessUserStatus", ${now}, ${now}
    FROM unnest(${rows.map(() => crypto.randomUUID())}::text[], ${rows.map((row) => row[2])}::text[], ${rows.map((row) => row[3])}::text[],
                ${externalIds}::text[], ${rows.map((row) => row[4])}::text[]) AS x(id, name, email, ext, status)
    ON CONFLICT ("projectId", "externalId") DO UPDATE SET "name" = EXCLUDED."name", "email" = EXCLUDED."email", "status" = EXCLUDED."status", "updatedAt" = EXCLUDED."updatedAt"
    WHERE ("AccessUser"."name", "AccessUser"."email", "AccessUser"."status") IS DISTINCT FROM (EXCLUDED."name", EXCLUDED."email", EXCLUDED."status")
    RETURNING (xmax = 0) AS "inserted"`;
  const created = upserted.filter((row) => row.inserted).length;
  const users = await tx.$queryRaw<{ id: string; externalId: string }[]>`
    SELECT "id", "externalId" FROM "AccessUser" WHERE "projectId" = ${projectId} AND "externalId" = ANY(${externalIds}::text[])`;
  const idOf = new Map(users.map((user) => [user.externalId, user.id]));
  const userIds = rows.map((row) => idOf.get(row[1])!);

  await replaceCards(tx, projectId, rows, userIds, now);
  await replaceCodes(tx, projectId, importId, rows, userIds, now);
  return { created, updated: upserted.length - created };
}

async function replaceCards(tx: Tx, projectId: string, rows: StoredRow[], userIds: string[], now: Date) {
  const owners: string[] = [];
  const facilities: number[] = [];
  const numbers: number[] = [];
  const rowNumbers: number[] = [];
  rows.forEach((row, index) => {
    for (const [facility, number] of row[5]) {
      owners.push(userIds[index]!);
      facilities.push(facility);
      numbers.push(number);
      rowNumbers.push(row[0]);
    }
  });
  await tx.$executeRaw`
    DELETE FROM "AccessCard" c WHERE c."accessUserId" = ANY(${userIds}::text[])
      AND NOT EXISTS (SELECT 1 FROM unnest(${owners}::text[], ${facilities}::int[], ${numbers}::int[]) AS f(u, fac, num)
                      WHERE f.u = c."accessUserId" AND f.fac = c."facilityCode" AND f.num = c."cardNumber")`;
  if (owners.length === 0) return;
  // A card already this person's is left as it is; one another person holds (now) is refused below.
  await tx.$executeRaw`
    INSERT INTO "AccessCard" ("id", "projectId", "accessUserId", "facilityCode", "cardNumber", "createdAt")
    SELECT f.id, ${projectId}, f.u, f.fac, f.num, ${now}
    FROM unnest(${owners.map(() => crypto.randomUUID())}::text[], ${owners}::text[], ${facilities}::int[], ${numbers}::int[]) AS f(id, u, fac, num)
    ON CONFLICT ("projectId", "facilityCode", "cardNumber") DO NOTHING`;
  const [taken] = await tx.$queryRaw<{ row: number; facilityCode: number; cardNumber: number }[]>`
    SELECT f.row, f.fac AS "facilityCode", f.num AS "cardNumber"
    FROM unnest(${rowNumbers}::int[], ${owners}::text[], ${facilities}::int[], ${numbers}::int[]) AS f(row, u, fac, num)
    JOIN "AccessCard" c ON c."projectId" = ${projectId} AND c."facilityCode" = f.fac AND c."cardNumber" = f.num AND c."accessUserId" <> f.u
    ORDER BY f.row LIMIT 1`;
  if (taken) throw new AppError("import_card_taken", { values: { row: taken.row, card: `${taken.facilityCode}:${taken.cardNumber}` } });
}

/** Each person's entry code and MFA codes become the file's: compared by digest, so unchanged codes keep their rows. */
async function replaceCodes(tx: Tx, projectId: string, importId: string, rows: StoredRow[], userIds: string[], now: Date) {
  const key = keyFromEnv();
  const existing = await tx.$queryRaw<{ id: string; accessUserId: string; kind: "entry" | "mfa"; digest: string }[]>`
    SELECT "id", "accessUserId", "kind"::text AS "kind", "digest" FROM "AccessCode" WHERE "accessUserId" = ANY(${userIds}::text[])`;
  const have = new Map(existing.map((code) => [`${code.accessUserId} ${code.kind} ${code.digest}`, code.id]));
  const keep = new Set<string>();
  const insert = { ids: [] as string[], users: [] as string[], kinds: [] as string[], sealed: [] as string[], digests: [] as string[], lengths: [] as number[] };
  rows.forEach((row, index) => {
    const userId = userIds[index]!;
    const codes = openRowCodes(importId, row[6], key);
    const wanted = [...(codes.e === null ? [] : [{ kind: "entry", code: codes.e }]), ...codes.m.map((code) => ({ kind: "mfa", code }))];
    for (const { kind, code } of wanted) {
      const digest = accessCodeDigest(projectId, code);
      const id = have.get(`${userId} ${kind} ${digest}`);
      if (id) {
        keep.add(id);
        continue;
      }
      const codeId = crypto.randomUUID();
      const sealed = sealAccessCode(projectId, codeId, code);
      insert.ids.push(codeId);
      insert.users.push(userId);
      insert.kinds.push(kind);
      insert.sealed.push(sealed.sealed);
      insert.digests.push(sealed.digest);
      insert.lengths.push(sealed.length);
    }
  });
  const drop = existing.filter((code) => !keep.has(code.id)).map((code) => code.id);
  // Deletes first: a person's new entry code may only arrive once the old one has gone (one per person).
  if (drop.length) await tx.$executeRaw`DELETE FROM "AccessCode" WHERE "id" = ANY(${drop}::text[])`;
  if (insert.ids.length) {
    await tx.$executeRaw`
      INSERT INTO "AccessCode" ("id", "projectId", "accessUserId", "kind", "sealed", "digest", "length", "createdAt", "updatedAt")
      SELECT x.id, ${projectId}, x.u, x.kind::"AccessCodeKind", x.sealed, x.digest, x.len, ${now}, ${now}
      FROM unnest(${insert.ids}::text[], ${insert.users}::text[], ${insert.kinds}::text[], ${insert.sealed}::text[], ${insert.digests}::text[], ${insert.lengths}::int[])
        AS x(id, u, kind, sealed, digest, len)`;
  }
}
