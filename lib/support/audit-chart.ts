import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db";
import { auditScopeFor, auditScopeSql, type AuditScope } from "@/lib/audit/scope";
import { auditFilterSql, dayStart, type AuditFilter } from "./audit-filter";
import { requireSupportAccess } from "./support-access";

/**
 * The console's chart: events per UTC day by outcome over the filter's date range (by default
 * the last 30 days up to today; at most 366 days). Counted in SQL, one index range scan per
 * outcome on ("outcome", "createdAt", "id") (index-only when the filter has nothing else), so
 * the database never sends rows, only at most 2 × 366 counts; finished days are kept in memory.
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

/**
 * One count per day and outcome, each a range count on an index (no per-row expression: grouping
 * by a day computed from every row costs several times the counting itself at 10 M events).
 */
export function auditChartSql(filter: AuditFilter, scope: AuditScope, range: { from: string; to: string }): Prisma.Sql {
  const outcomes = filter.outcome ? [filter.outcome] : ["success", "failure"];
  const rest = { ...filter, outcome: undefined, from: undefined, to: undefined };
  // The days as an array, not generate_series: its guess of 1,000 rows makes the planner cost the
  // query high enough to compile it (JIT), which alone takes longer than the counting.
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(dayStart(day));
  return Prisma.sql`
    SELECT to_char(d, 'YYYY-MM-DD') AS "day", o AS "outcome",
           (SELECT count(*)::int FROM "AuditEvent" e
            WHERE ${auditFilterSql(rest, '"e"')} AND ${auditScopeSql(scope, '"e"')}
              AND e."outcome" = o AND e."createdAt" >= d AND e."createdAt" < d + interval '1 day') AS "count"
    FROM unnest(${days}::timestamp(3)[]) d
    CROSS JOIN unnest(${outcomes}::text[]) o`;
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

/**
 * A small rollup of finished days, in memory: the log is append-only and an event's time is
 * set when it is written, so a day's counts no longer change once it is over (a day's margin
 * covers clocks and transactions still open at midnight). A chart then counts only today and
 * yesterday in the database, after its first view. Entries expire after an hour (retention may
 * prune old days) and the oldest go first beyond MAX_ENTRIES.
 */
const finishedDays = new Map<string, { at: number; day: ChartDay }>();
const MAX_ENTRIES = 20_000;
const TTL_MS = 3_600_000;

function rollupKey(filter: AuditFilter, scope: AuditScope, day: string) {
  const { from: _from, to: _to, ...rest } = filter;
  return JSON.stringify([scope, Object.entries(rest).filter(([, value]) => value !== undefined).sort(), day]);
}

/** The chart for support staff (a second factor, checked here). */
export async function readAuditChart(viewerId: string, filter: AuditFilter, today = new Date().toISOString().slice(0, 10), now = Date.now()): Promise<AuditChart> {
  await requireSupportAccess(viewerId);
  const scope = await auditScopeFor(viewerId);
  const range = chartRange(filter, today);
  const lastFinished = addDays(today, -2);
  const cached = new Map<string, ChartDay>();
  for (let day = range.from; day <= range.to && day <= lastFinished; day = addDays(day, 1)) {
    const entry = finishedDays.get(rollupKey(filter, scope, day));
    if (!entry || now - entry.at > TTL_MS) break;
    cached.set(day, entry.day);
  }
  // Count from the first day the rollup does not hold.
  const query = { from: cached.size ? addDays(range.from, cached.size) : range.from, to: range.to };
  const counts = query.from <= query.to ? await db.$queryRaw<{ day: string; outcome: string; count: number }[]>(auditChartSql(filter, scope, query)) : [];
  const counted = query.from <= query.to ? fillDays(query, counts) : [];
  for (const day of counted) {
    if (day.day > lastFinished) break;
    if (finishedDays.size >= MAX_ENTRIES) finishedDays.delete(finishedDays.keys().next().value!);
    finishedDays.set(rollupKey(filter, scope, day.day), { at: now, day });
  }
  return { ...range, days: [...cached.values(), ...counted] };
}
