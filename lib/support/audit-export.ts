import pg from "pg";
import { createTranslator } from "next-intl";
import { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { csvCell } from "@/lib/csv/cell";
import { AUDIT_EVENTS, type AuditType } from "@/lib/audit/catalogue";
import { auditLabel } from "@/lib/audit/labels";
import { auditScopeSql, type AuditScope } from "@/lib/audit/scope";
import type { RequestContext } from "@/lib/http/request-context";
import type { Locale } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";
import { auditFilterSql, type AuditFilter } from "./audit-filter";
import type { AuditCursor } from "./audit-search";

/**
 * Export CSV / Export JSON of the console's filter (issue 11 §4), streamed in constant memory.
 *
 * On PostgreSQL the rows come from one server-side cursor in a REPEATABLE READ READ ONLY
 * transaction (one snapshot for the whole file; no index descent and sort per batch as keyset
 * pages cost), fetched BATCH at a time as the reader asks for them. Each event arrives as one
 * text (its fields joined by U+001F): node-postgres handles one column per row about twice as
 * fast as seventeen, and that was the bottleneck. Node writes the CSV cells (csvCell) and JSON.
 * The embedded database (one query at a time, through Prisma) reads the same SQL in keyset
 * batches. JSON is one array written incrementally.
 */
export type ExportFormat = "csv" | "json";

export const BATCH = 2_000;

/** The columns, in order; their headings are support.export.columns.<name> in the viewer's language. */
const COLUMNS = ["time", "event", "type", "severity", "outcome", "personEmail", "personId", "actorEmail", "actorId", "project", "projectId", "ip", "userAgent", "browser", "os", "details", "chainSeq", "chainHash", "eventId"] as const;

/** The fields SQL sends for each event, in this order, joined by U+001F into one text: node-postgres
 * reads one column many times faster than seventeen. NULLS is a bitmap of which were NULL. */
const FIELDS = [
  `to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, `e."type"`, `e."outcome"`, `e."subjectId"`, `s."email"`, `e."actorId"`, `a."email"`,
  `e."projectId"`, `pr."name"`, `e."ip"`, `e."userAgent"`, `e."browserName"`, `e."osName"`, `e."metadata"::text`, `e."chainSeq"::text`, `e."chainHash"`,
] as const;
type Row = [at: string, type: string, outcome: string, subjectId: string | null, subjectEmail: string | null, actorId: string | null, actorEmail: string | null, projectId: string | null, projectName: string | null, ip: string | null, userAgent: string | null, browserName: string | null, osName: string | null, metadata: string, chainSeq: string | null, chainHash: string | null, id: string];
const NULLS = `(${FIELDS.map((field, bit) => `(((${field}) IS NULL)::int << ${bit})`).join(" | ")})::text`;
const SEPARATOR = "\u001f";
const LINE = `${FIELDS.map((field) => `coalesce(${field}, '')`).join(` || E'\\x1f' || `)} || E'\\x1f' || ${NULLS} || E'\\x1f' || e."id"`;

const JOINS = Prisma.raw(`"AuditEvent" e
    LEFT JOIN "User" s ON s."id" = e."subjectId"
    LEFT JOIN "User" a ON a."id" = e."actorId"
    LEFT JOIN "Project" pr ON pr."id" = e."projectId"`);

/** The export's events, newest first, one text each (LINE). */
function exportSql(where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`SELECT ${Prisma.raw(LINE)} AS "line" FROM ${JOINS} WHERE ${where} ORDER BY e."createdAt" DESC, e."id" DESC ${tail}`;
}

/** One event's fields as separate columns: for the rare line whose text itself holds U+001F. */
function exportRowSql(id: string): Prisma.Sql {
  return Prisma.sql`SELECT ${Prisma.raw(FIELDS.map((field, index) => `${field} AS "f${index}"`).join(", "))}, e."id" FROM ${JOINS} WHERE e."id" = ${id}`;
}

/** A line back into its fields; null when a field's own text holds the separator (then read apart). */
function splitLine(line: string): Row | null {
  const parts = line.split(SEPARATOR);
  if (parts.length !== FIELDS.length + 2) return null;
  const id = parts.pop()!;
  const nulls = Number(parts.pop());
  if (nulls !== 0) for (let bit = 0; bit < FIELDS.length; bit++) if (nulls & (1 << bit)) (parts as (string | null)[])[bit] = null;
  parts.push(id);
  return parts as unknown as Row;
}

/** The words of an export in the viewer's language, and the functions that write a row as a CSV line or a JSON object. */
function exportWriter(format: ExportFormat, locale: Locale) {
  const audit = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "audit" });
  const support = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "support" });
  const labels = new Map<string, string>();
  const label = (type: string, outcome: string) => {
    const key = `${type} ${outcome}`;
    let words = labels.get(key);
    if (words === undefined) labels.set(key, (words = auditLabel(audit, type, outcome)));
    return words;
  };
  const csvLabels = new Map<string, string>();
  const csvLabel = (type: string, outcome: string) => {
    const key = `${type} ${outcome}`;
    let cell = csvLabels.get(key);
    if (cell === undefined) csvLabels.set(key, (cell = csvCell(label(type, outcome))));
    return cell;
  };
  const severityOf = (type: string) => (AUDIT_EVENTS as Record<string, { severity: string }>)[type]?.severity ?? "";
  const severityWords = new Map(["info", "notice", "warning", "critical"].map((level) => [level, csvCell(support(`severity.${level}` as "severity.info"))]));
  const outcomeWords = new Map(["success", "failure"].map((outcome) => [outcome, csvCell(support(`outcome.${outcome}` as "outcome.success"))]));

  const csvLine = (row: Row) => {
    const [at, type, outcome, subjectId, subjectEmail, actorId, actorEmail, projectId, projectName, ip, userAgent, browserName, osName, metadata, chainSeq, chainHash, id] = row;
    return `${at},${csvLabel(type, outcome)},${csvCell(type)},${severityWords.get(severityOf(type)) ?? ""},${outcomeWords.get(outcome) ?? csvCell(outcome)},${csvCell(subjectEmail ?? "")},${subjectId ?? ""},${csvCell(actorEmail ?? "")},${actorId ?? ""},${csvCell(projectName ?? "")},${projectId ?? ""},${csvCell(ip ?? "")},${csvCell(userAgent ?? "")},${csvCell(browserName ?? "")},${csvCell(osName ?? "")},${metadata === "{}" ? "" : csvCell(metadata)},${chainSeq ?? ""},${chainHash ?? ""},${id}\r\n`;
  };
  const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
  const jsonObject = (row: Row) => {
    const [at, type, outcome, subjectId, subjectEmail, actorId, actorEmail, projectId, projectName, ip, userAgent, browserName, osName, metadata, chainSeq, chainHash, id] = row;
    // metadata is already JSON text from the database: written as it is, not parsed and printed again.
    return `{"id":${text(id)},"createdAt":"${at}","type":${text(type)},"label":${text(label(type, outcome))},"severity":${text(severityOf(type))},"outcome":${text(outcome)},"subjectId":${text(subjectId)},"subjectEmail":${text(subjectEmail)},"actorId":${text(actorId)},"actorEmail":${text(actorEmail)},"projectId":${text(projectId)},"projectName":${text(projectName)},"ip":${text(ip)},"userAgent":${text(userAgent)},"browserName":${text(browserName)},"osName":${text(osName)},"metadata":${metadata},"chainSeq":${chainSeq ?? "null"},"chainHash":${text(chainHash)}}`;
  };
  const head = format === "csv"
    // A byte-order mark, so spreadsheets read Japanese and German as UTF-8; CRLF as RFC 4180 has it.
    ? `\uFEFF${COLUMNS.map((column) => csvCell(support(`export.columns.${column}` as "export.columns.time"))).join(",")}\r\n`
    : "[";
  return { head, write: format === "csv" ? csvLine : jsonObject };
}

type Source = { read(): Promise<Row[]>; close(): Promise<void>; fail(): void };

/** Lines into rows, reading apart (`readRow`, same snapshot) the rare one a field's text breaks. */
async function toRows(lines: string[], readRow: (id: string) => Promise<Row>): Promise<Row[]> {
  const rows: Row[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    rows[i] = splitLine(line) ?? (await readRow(line.slice(line.lastIndexOf(SEPARATOR) + 1)));
  }
  return rows;
}

/**
 * PostgreSQL: one cursor over one snapshot, on a connection of the export's own (exports are
 * rare and long; the app's pool stays free for pages). It ends with the export: after COMMIT, or
 * closed at once on cancel or error, which makes the server roll back and drop the cursor.
 */
async function cursorSource(url: string, where: Prisma.Sql, batch: number): Promise<Source> {
  const client = new pg.Client({ connectionString: url, application_name: "tessera audit export" });
  // A connection closed under a waiting FETCH reports it there; nothing else to do with it.
  client.on("error", () => {});
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    void client.end().catch(() => {});
  };
  const query = exportSql(where);
  try {
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query({ text: `DECLARE audit_export NO SCROLL CURSOR FOR ${query.text}`, values: query.values });
  } catch (error) {
    end();
    throw error;
  }
  const fetchSql = `FETCH ${batch} FROM audit_export`;
  const readRow = async (id: string) => {
    const one = exportRowSql(id);
    return (await client.query<Row>({ text: one.text, values: one.values, rowMode: "array" })).rows[0]!;
  };
  return {
    async read() {
      const result = await client.query<[string]>({ text: fetchSql, rowMode: "array" });
      return toRows(result.rows.map((row) => row[0]), readRow);
    },
    async close() {
      if (ended) return;
      try {
        await client.query("COMMIT");
      } finally {
        end();
      }
    },
    fail() {
      end();
    },
  };
}

/** The embedded database: the same SQL in keyset batches through Prisma (one query at a time). */
async function keysetSource(batch: number, where: (cursor: AuditCursor | null, search: typeof import("./audit-search")) => Prisma.Sql): Promise<Source> {
  // Imported here: the PostgreSQL path (and its memory) does without the Prisma client.
  const [{ db }, search] = await Promise.all([import("@/lib/db"), import("./audit-search")]);
  let cursor: AuditCursor | null = null;
  let done = false;
  const readRow = async (id: string) => Object.values((await db.$queryRaw<Record<string, string | null>[]>(exportRowSql(id)))[0]!) as Row;
  return {
    async read() {
      if (done) return [];
      const lines = await db.$queryRaw<{ line: string }[]>(exportSql(where(cursor, search), Prisma.sql`LIMIT ${batch}`));
      const rows = await toRows(lines.map((row) => row.line), readRow);
      const last = rows.at(-1);
      if (last) cursor = { at: new Date(last[0]), id: last[16] };
      if (rows.length < batch) done = true;
      return rows;
    },
    async close() {},
    fail() {},
  };
}

/**
 * The stream of an export for `scope` (access already checked): the route's body, and the
 * bench's. Rows are read when the reader asks (highWaterMark 1: one batch waits at most), so the
 * reader's pace sets the database's; cancelling (the client went away) ends the transaction and
 * closes the connection, and so does an error.
 */
export function auditExportStream(filter: AuditFilter, scope: AuditScope, format: ExportFormat, locale: Locale, batch = BATCH): ReadableStream<Uint8Array> {
  const { head, write } = exportWriter(format, locale);
  const encoder = new TextEncoder();
  let source: Source | null = null;
  let rowsWritten = 0;
  const url = getEnv().DATABASE_URL;
  const open = () => url
    ? cursorSource(url, Prisma.sql`${auditFilterSql(filter, '"e"')} AND ${auditScopeSql(scope, '"e"')}`, batch)
    : keysetSource(batch, (batchCursor, { pageBounds, keysetSql }) => {
      const bounds = pageBounds(filter, batchCursor, "older");
      const { after } = keysetSql(bounds.cursor, "older");
      return Prisma.sql`${auditFilterSql(bounds.filter, '"e"')} AND ${auditScopeSql(scope, '"e"')} AND ${after}`;
    });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(head));
      },
      async pull(controller) {
        try {
          source ??= await open();
          const rows = await source.read();
          let chunk = "";
          if (format === "csv") {
            for (const row of rows) chunk += write(row);
          } else {
            for (const row of rows) chunk += `${rowsWritten++ === 0 ? "\n" : ",\n"}${write(row)}`;
          }
          if (rows.length < batch) {
            if (format === "json") chunk += rowsWritten === 0 ? "]\n" : "\n]\n";
            await source.close();
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(chunk));
        } catch (error) {
          source?.fail();
          throw error;
        }
      },
      async cancel() {
        // A pull may be waiting on the database: the connection is closed under it, which ends the
        // transaction and the cursor on the server.
        source?.fail();
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * An export for support staff (a second factor, checked here): audited as audit.exported with
 * its filter and format before the first byte, then the stream.
 */
export async function startAuditExport(viewerId: string, filter: AuditFilter, format: ExportFormat, locale: Locale, context: RequestContext, batch = BATCH) {
  const [{ db }, { recordAudit }, { auditScopeFor }, { requireSupportAccess }] = await Promise.all([
    import("@/lib/db"), import("@/lib/audit/record"), import("@/lib/audit/scope"), import("./support-access"),
  ]);
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
