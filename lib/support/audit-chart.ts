import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db";
import { auditScopeFor, auditScopeSql, type AuditScope } from "@/lib/audit/scope";
import { auditFilterSql, dayStart, type AuditFilter } from "./audit-filter";
import { requireSupportAccess } from "./support-access";

/**
 * The console's chart: events per UTC day by outcome over the filter's date range (by default
 * the last 30 days up to today; at most 366 days). Counted in SQL, one index range scan per
 * outcome on ("outcome", "createdAt", "id") (index-only when the filter has nothing else), so
 * the database never sends rows, only at most 2 × 366 counts.
 */
export const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

export type ChartDay = { day: string; success: number; failure: number };
export type AuditChart = { from: string; to: string; days: ChartDay[] };

const addDays = (day: string, days: number) => dayStart(day, days).slice(0, 10);

/** The days the chart covers for a filter, `today` (YYYY-MM-DD, UTC) when it says no end. */
export function chartRange(filter: AuditFilter, today: string): { from: string; to: string } {
  const to = filter.to ?? (filter.from && filter.from > today ? addDays(filter.from, DEFAULT_DAYS - 1) : today);
  let from = filter.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from < addDays(to, -(MAX_DAYS - 1))) from = addDays(to, -(MAX_DAYS - 1));
  return { from, to };
}

export function auditChartSql(filter: AuditFilter, scope: AuditScope, range: { from: string; to: string }): Prisma.Sql {
  const outcomes = filter.outcome ? [filter.outcome] : ["success", "failure"];
  const ranged = { ...filter, from: range.from, to: range.to };
  const parts = outcomes.map((outcome) => Prisma.sql`
    SELECT to_char(date_trunc('day', e."createdAt"), 'YYYY-MM-DD') AS "day", ${outcome}::text AS "outcome", count(*)::int AS "count"
    FROM "AuditEvent" e
    WHERE ${auditFilterSql({ ...ranged, outcome: outcome as "success" | "failure" }, '"e"')} AND ${auditScopeSql(scope, '"e"')}
    GROUP BY 1`);
  return Prisma.join(parts, " UNION ALL ");
}

/** Every day of the range, zero where nothing happened. */
export function fillDays(range: { from: string; to: string }, counts: { day: string; outcome: string; count: number }[]): ChartDay[] {
  const byDay = new Map<string, ChartDay>();
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) byDay.set(day, { day, success: 0, failure: 0 });
  for (const row of counts) {
    const entry = byDay.get(row.day);
    if (entry && (row.outcome === "success" || row.outcome === "failure")) entry[row.outcome] += Number(row.count);
  }
  return [...byDay.values()];
}

/** The chart for support staff (a second factor, checked here). */
export async function readAuditChart(viewerId: string, filter: AuditFilter, today = new Date().toISOString().slice(0, 10)): Promise<AuditChart> {
  await requireSupportAccess(viewerId);
  const scope = await auditScopeFor(viewerId);
  const range = chartRange(filter, today);
  const counts = await db.$queryRaw<{ day: string; outcome: string; count: number }[]>(auditChartSql(filter, scope, range));
  return { ...range, days: fillDays(range, counts) };
}
