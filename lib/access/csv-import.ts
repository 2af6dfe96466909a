import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { decryptSecret, encryptSecret, keyFromEnv } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { parseAccessCsv, type AccessCsvError, type AccessCsvRow } from "./csv-format";
import { assertCan, auditActor, type AccessActor } from "./permissions";

/**
 * CSV import, step one: the preview (issue 12 §5). The whole file is parsed and checked on the
 * server, against itself (lib/access/csv-format.ts) and against the project (a card another
 * access user holds), and kept as an AccessImport row: its checked rows, its errors and the
 * counts the preview page shows. Nothing else changes until the import (csv-import-batch.ts),
 * which a file with errors never reaches: the journey is errors shown, file fixed, uploaded again.
 *
 * Keypad codes in the stored rows are sealed (AES-256-GCM with the at-rest key, the AAD naming
 * the import), never plain, and the rows are cleared when the import ends or is cancelled.
 */

/** Errors kept per import (and shown): a file with more says how many in all. */
export const STORED_ERRORS = 1_000;

/**
 * One stored row, compact (100,000 of them make one JSON value):
 * [row, externalId, name, email, status, cards as [facility, number][], sealed codes or null].
 */
export type StoredRow = [number, string, string, string | null, "active" | "suspended", [number, number][], string | null];
type SealedCodes = { e: string | null; m: string[] };

const importAad = (importId: string) => `access-import:${importId}`;

export function sealRowCodes(importId: string, row: Pick<AccessCsvRow, "entryCode" | "mfaCodes">, key: Buffer): string | null {
  if (row.entryCode === null && row.mfaCodes.length === 0) return null;
  return encryptSecret(JSON.stringify({ e: row.entryCode, m: row.mfaCodes } satisfies SealedCodes), key, { aad: importAad(importId) });
}

export function openRowCodes(importId: string, sealed: string | null, key: Buffer): SealedCodes {
  return sealed === null ? { e: null, m: [] } : (JSON.parse(decryptSecret(sealed, key, { aad: importAad(importId) })) as SealedCodes);
}

export type AccessImportSummary = {
  id: string;
  fileName: string;
  state: "previewed" | "importing" | "done" | "cancelled";
  total: number;
  done: number;
  newUsers: number;
  updatedUsers: number;
  errorCount: number;
  errors: AccessCsvError[];
  createdAt: Date;
};

/** Who already exists (by external id) and which cards of the file another access user holds. */
async function checkAgainstProject(projectId: string, rows: AccessCsvRow[]) {
  const externalIds = rows.map((row) => row.externalId);
  const existing = await db.$queryRaw<{ externalId: string }[]>`
    SELECT "externalId" FROM "AccessUser" WHERE "projectId" = ${projectId} AND "externalId" = ANY(${externalIds}::text[])`;
  const cardRows = rows.flatMap((row) => row.cards.map((card) => ({ row: row.row, externalId: row.externalId, ...card })));
  const taken = cardRows.length
    ? await db.$queryRaw<{ row: number; facilityCode: number; cardNumber: number; holder: string }[]>`
        SELECT f.row, f.fac AS "facilityCode", f.num AS "cardNumber", coalesce(u."externalId", u."name") AS holder
        FROM unnest(${cardRows.map((card) => card.row)}::int[], ${cardRows.map((card) => card.facilityCode)}::int[],
                    ${cardRows.map((card) => card.cardNumber)}::int[], ${cardRows.map((card) => card.externalId)}::text[]) AS f(row, fac, num, ext)
        JOIN "AccessCard" c ON c."projectId" = ${projectId} AND c."facilityCode" = f.fac AND c."cardNumber" = f.num
        JOIN "AccessUser" u ON u."id" = c."accessUserId"
        WHERE u."externalId" IS DISTINCT FROM f.ext
        ORDER BY f.row`
    : [];
  const errors: AccessCsvError[] = taken.map((card) => ({
    row: card.row,
    column: "cards",
    code: "cardTaken",
    values: { card: `${card.facilityCode}:${card.cardNumber}`, holder: card.holder },
  }));
  return { existing: new Set(existing.map((each) => each.externalId)), errors };
}

/**
 * The preview: parse and check `bytes`, store the result, and return the import's id for the
 * preview page. An oversized or unreadable file is an import with a file-level error, shown the
 * same way as any other.
 */
export async function previewAccessImport(actor: AccessActor, file: { name: string; bytes: Uint8Array }, context: RequestContext): Promise<{ importId: string }> {
  assertCan(actor, "transfer");
  const parsed = parseAccessCsv(file.bytes);
  const checked = parsed.rows.length ? await checkAgainstProject(actor.projectId, parsed.rows) : { existing: new Set<string>(), errors: [] };
  const errors = [...parsed.errors, ...checked.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const errorRows = new Set(errors.map((error) => error.row));
  const total = parsed.rows.length + new Set(parsed.errors.filter((error) => error.row !== null && error.row > 1).map((error) => error.row)).size;
  const newUsers = parsed.rows.filter((row) => !checked.existing.has(row.externalId)).length;
  const updatedUsers = parsed.rows.length - newUsers;

  const importId = crypto.randomUUID();
  const key = keyFromEnv();
  // A file with errors is never imported: its rows are not kept (nor their codes sealed).
  const list: StoredRow[] = errors.length
    ? []
    : parsed.rows.map((row) => [row.row, row.externalId, row.name, row.email, row.status, row.cards.map((card) => [card.facilityCode, card.cardNumber]), sealRowCodes(importId, row, key)]);
  const fileName = file.name.slice(0, 200) || "import.csv";
  const { apiKeyId, actorId } = auditActor(actor);
  const now = new Date();

  await db.$transaction(async (tx) => {
    // One INSERT with the rows as JSON text: through the client's model API a value this size
    // costs several times the memory.
    const stored = JSON.stringify({ list, newUsers, updatedUsers, errorCount: errors.length });
    await tx.$executeRaw`
      INSERT INTO "AccessImport" ("id", "projectId", "createdById", "fileName", "total", "rows", "errors", "createdAt", "updatedAt")
      VALUES (${importId}, ${actor.projectId}, ${actorId}, ${fileName}, ${errors.length ? total : list.length}, ${stored}::jsonb,
              ${JSON.stringify(errors.slice(0, STORED_ERRORS))}::jsonb, ${now}, ${now})`;
    await recordAudit(tx, {
      type: "access.import_previewed",
      outcome: errors.length ? "failure" : "success",
      actorId,
      projectId: actor.projectId,
      metadata: { importId, fileName, rows: total, errors: errors.length, errorRows: errorRows.size, newUsers, updatedUsers, ...(apiKeyId ? { apiKeyId } : {}) },
      context,
    });
  });
  return { importId };
}

/** An import of the actor's project, without its rows (the preview and progress). */
export async function getAccessImport(actor: AccessActor, importId: string): Promise<AccessImportSummary> {
  assertCan(actor, "transfer");
  const [found] = await db.$queryRaw<(Omit<AccessImportSummary, "errors"> & { errors: AccessCsvError[] })[]>`
    SELECT "id", "fileName", "state"::text AS "state", "total", "done", "errors", "createdAt",
           coalesce(("rows"->>'newUsers')::int, 0) AS "newUsers", coalesce(("rows"->>'updatedUsers')::int, 0) AS "updatedUsers",
           coalesce(("rows"->>'errorCount')::int, 0) AS "errorCount"
    FROM "AccessImport" WHERE "id" = ${importId} AND "projectId" = ${actor.projectId}`;
  if (!found) throw new AppError("not_found");
  return found;
}

/** Cancel: batches already imported stay (each committed whole); the rest is dropped with its sealed codes. */
export async function cancelAccessImport(actor: AccessActor, importId: string, context: RequestContext): Promise<AccessImportSummary> {
  const current = await getAccessImport(actor, importId);
  const { apiKeyId, actorId } = auditActor(actor);
  await db.$transaction(async (tx) => {
    const cancelled = await tx.accessImport.updateMany({
      where: { id: importId, projectId: actor.projectId, state: { in: ["previewed", "importing"] } },
      data: { state: "cancelled", rows: { list: [], newUsers: current.newUsers, updatedUsers: current.updatedUsers, errorCount: current.errorCount } },
    });
    if (cancelled.count === 0) return;
    await recordAudit(tx, {
      type: "access.import_finished",
      outcome: "failure",
      actorId,
      projectId: actor.projectId,
      metadata: { importId, done: current.done, total: current.total, cancelled: true, ...(apiKeyId ? { apiKeyId } : {}) },
      context,
    });
  });
  return getAccessImport(actor, importId);
}
