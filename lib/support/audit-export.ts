import pg from "pg";
import { createTranslator } from "next-intl";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { csvCell } from "@/lib/csv/cell";
import { AUDIT_EVENTS, type AuditType } from "@/lib/audit/catalogue";
import { auditLabel } from "@/lib/audit/labels";
import { recordAudit } from "@/lib/audit/record";
import { auditScopeFor, auditScopeSql, type AuditScope } from "@/lib/audit/scope";
import type { RequestContext } from "@/lib/http/request-context";
import type { Locale } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";
import { auditFilterSql, type AuditFilter } from "./audit-filter";
import { keysetSql, pageBounds, type AuditCursor } from "./audit-search";
import { requireSupportAccess } from "./support-access";

/**
 * Export CSV / Export JSON of the console's filter (issue 11 §4), streamed in constant memory:
 * a ReadableStream whose pull reads the next keyset batch (BATCH rows, newest first), turns it
 * into one string and one Uint8Array, and hands it on. Memory holds one batch, whatever the
 * size of the log. JSON is one array written incrementally ("[", objects joined by ",\n", "]").
 */
export type ExportFormat = "csv" | "json";

export const BATCH = 5_000;

/** The columns, in order; their headings are support.export.columns.<name> in the viewer's language. */
const COLUMNS = ["time", "event", "type", "severity", "outcome", "personEmail", "personId", "actorEmail", "actorId", "project", "projectId", "ip", "userAgent", "browser", "os", "details", "chainSeq", "chainHash", "eventId"] as const;

/** The row as SQL returns it (array mode), every value text: no Date or JSON parsing per row. */
type Row = [id: string, at: string, type: string, outcome: string, subjectId: string | null, subjectEmail: string | null, actorId: string | null, actorEmail: string | null, projectId: string | null, projectName: string | null, ip: string | null, userAgent: string | null, browserName: string | null, osName: string | null, metadata: string, chainSeq: string | null, chainHash: string | null];

function batchSql(batchFilter: AuditFilter, scope: AuditScope, batchCursor: AuditCursor | null, limit: number): Prisma.Sql {
  const { filter, cursor } = pageBounds(batchFilter, batchCursor, "older");
  const { after, order } = keysetSql(cursor, "older");
  return Prisma.sql`
    SELECT p."id", to_char(p."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at", p."type", p."outcome",
           p."subjectId", s."email" AS "subjectEmail", p."actorId", a."email" AS "actorEmail", p."projectId", pr."name" AS "projectName",
           p."ip", p."userAgent", p."browserName", p."osName", p."metadata"::text AS "metadata", p."chainSeq"::text AS "chainSeq", p."chainHash"
    FROM (
      SELECT * FROM "AuditEvent" e
      WHERE ${auditFilterSql(filter, '"e"')} AND ${auditScopeSql(scope, '"e"')} AND ${after}
      ORDER BY ${order}
      LIMIT ${limit}
    ) p
    LEFT JOIN "User" s ON s."id" = p."subjectId"
    LEFT JOIN "User" a ON a."id" = p."actorId"
    LEFT JOIN "Project" pr ON pr."id" = p."projectId"
    ORDER BY p."createdAt" DESC, p."id" DESC`;
}

const holder = globalThis as unknown as { tesseraExportPool?: pg.Pool };

/**
 * On PostgreSQL the batches are read with node-postgres in array mode, beside Prisma: a few
 * times faster for hundreds of thousands of rows (no per-row objects or type mapping). The
 * embedded database goes through Prisma.
 */
async function readBatch(query: Prisma.Sql): Promise<Row[]> {
  const url = getEnv().DATABASE_URL;
  if (url) {
    holder.tesseraExportPool ??= new pg.Pool({ connectionString: url, max: 4 });
    const result = await holder.tesseraExportPool.query<Row>({ text: query.text, values: query.values, rowMode: "array" });
    return result.rows;
  }
  const rows = await db.$queryRaw<Record<string, string | null>[]>(query);
  return rows.map((row) => Object.values(row) as Row);
}

/** The stream of an export for `scope` (access already checked): the route's body, and the bench's. */
export function auditExportStream(filter: AuditFilter, scope: AuditScope, format: ExportFormat, locale: Locale, batch = BATCH): ReadableStream<Uint8Array> {
  const audit = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "audit" });
  const support = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "support" });
  const labels = new Map<string, string>();
  const label = (type: string, outcome: string) => {
    const key = `${type} ${outcome}`;
    let words = labels.get(key);
    if (words === undefined) labels.set(key, (words = auditLabel(audit, type, outcome)));
    return words;
  };
  const severityOf = (type: string) => (AUDIT_EVENTS as Record<string, { severity: string }>)[type]?.severity ?? "";
  const severityWords = new Map(["info", "notice", "warning", "critical"].map((level) => [level, csvCell(support(`severity.${level}` as "severity.info"))]));
  const outcomeWords = new Map(["success", "failure"].map((outcome) => [outcome, csvCell(support(`outcome.${outcome}` as "outcome.success"))]));

  const csvLine = (row: Row) => {
    const [id, at, type, outcome, subjectId, subjectEmail, actorId, actorEmail, projectId, projectName, ip, userAgent, browserName, osName, metadata, chainSeq, chainHash] = row;
    return `${at},${csvCell(label(type, outcome))},${csvCell(type)},${severityWords.get(severityOf(type)) ?? ""},${outcomeWords.get(outcome) ?? csvCell(outcome)},${csvCell(subjectEmail ?? "")},${subjectId ?? ""},${csvCell(actorEmail ?? "")},${actorId ?? ""},${csvCell(projectName ?? "")},${projectId ?? ""},${csvCell(ip ?? "")},${csvCell(userAgent ?? "")},${csvCell(browserName ?? "")},${csvCell(osName ?? "")},${metadata === "{}" ? "" : csvCell(metadata)},${chainSeq ?? ""},${chainHash ?? ""},${id}\r\n`;
  };
  const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
  const jsonObject = (row: Row) => {
    const [id, at, type, outcome, subjectId, subjectEmail, actorId, actorEmail, projectId, projectName, ip, userAgent, browserName, osName, metadata, chainSeq, chainHash] = row;
    // metadata is already JSON text from the database: written as it is, not parsed and printed again.
    return `{"id":${text(id)},"createdAt":"${at}","type":${text(type)},"label":${text(label(type, outcome))},"severity":${text(severityOf(type))},"outcome":${text(outcome)},"subjectId":${text(subjectId)},"subjectEmail":${text(subjectEmail)},"actorId":${text(actorId)},"actorEmail":${text(actorEmail)},"projectId":${text(projectId)},"projectName":${text(projectName)},"ip":${text(ip)},"userAgent":${text(userAgent)},"browserName":${text(browserName)},"osName":${text(osName)},"metadata":${metadata},"chainSeq":${chainSeq ?? "null"},"chainHash":${text(chainHash)}}`;
  };

  const encoder = new TextEncoder();
  let cursor: AuditCursor | null = null;
  let rowsWritten = 0;
  const head = format === "csv"
    // A byte-order mark, so spreadsheets read Japanese and German as UTF-8; CRLF as RFC 4180 has it.
    ? `\uFEFF${COLUMNS.map((column) => csvCell(support(`export.columns.${column}` as "export.columns.time"))).join(",")}\r\n`
    : "[";
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(head));
      },
      async pull(controller) {
        const rows = await readBatch(batchSql(filter, scope, cursor, batch));
        let chunk = "";
        if (format === "csv") {
          for (const row of rows) chunk += csvLine(row);
        } else {
          for (const row of rows) chunk += `${rowsWritten++ === 0 ? "\n" : ",\n"}${jsonObject(row)}`;
        }
        const last = rows.at(-1);
        if (last) cursor = { at: new Date(last[1]), id: last[0] };
        if (rows.length < batch) {
          if (format === "json") chunk += rowsWritten === 0 ? "]\n" : "\n]\n";
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(chunk));
      },
    },
    // One batch waits at most: the reader's pace sets the database's.
    { highWaterMark: 1 },
  );
}

/**
 * An export for support staff (a second factor, checked here): audited as audit.exported with
 * its filter and format before the first byte, then the stream.
 */
export async function startAuditExport(viewerId: string, filter: AuditFilter, format: ExportFormat, locale: Locale, context: RequestContext, batch = BATCH) {
  await requireSupportAccess(viewerId);
  const scope = await auditScopeFor(viewerId);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      type: "audit.exported" satisfies AuditType,
      actorId: viewerId,
      metadata: { format, filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) },
      context,
    }),
  );
  const day = new Date().toISOString().slice(0, 10);
  return { stream: auditExportStream(filter, scope, format, locale, batch), filename: `audit-log-${day}.${format}` };
}
