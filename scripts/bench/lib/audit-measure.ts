import { percentile } from "./tally";
import { db, closeDb } from "@/lib/db";
import type { AuditFilter } from "@/lib/support/audit-filter";
import { auditPageSql, PAGE_SIZE, type AuditCursor } from "@/lib/support/audit-search";
import { auditChartSql, chartRange } from "@/lib/support/audit-chart";

type Options = { events: number; runs: number; skipExport?: boolean; databaseUrl: string; spawnExport: (query: string) => Promise<{ rows: number; seconds: number; maxRssMb: number; format: string }> };

const EVERYTHING = { kind: "everything" } as const;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function timed(runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The console's queries as the page sends them (lib/support/audit-search.ts, audit-chart.ts), minus the access check. */
export async function runAuditBench({ events, runs, skipExport, spawnExport }: Options) {
  // Real values to filter by: a typical person and a busy one, a project, a common address, a rare type.
  const pick = async (sql: string) => ((await db.$queryRawUnsafe<{ value: string }[]>(sql))[0]?.value ?? "");
  const busyEmail = "bench-1@example.test";
  const typicalEmail = await pick(`SELECT "email" AS value FROM "User" WHERE "email" LIKE 'bench-%' ORDER BY "email" OFFSET 300 LIMIT 1`);
  const project = await pick(`SELECT "projectId" AS value FROM "AuditEvent" WHERE "projectId" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1`);
  const ip = await pick(`SELECT "ip" AS value FROM "AuditEvent" ORDER BY "createdAt" DESC OFFSET 10 LIMIT 1`);
  const rareType = await pick(`SELECT "type" AS value FROM "AuditEvent" WHERE "type" = 'session.revoked' LIMIT 1`) || "auth.sign_in";
  const cases: [string, AuditFilter][] = [
    ["no filter", {}],
    ["email (typical person)", { email: typicalEmail }],
    ["email (busiest person)", { email: busyEmail }],
    ["project", { projectId: project }],
    ["type (common)", { type: "auth.sign_in" }],
    ["type (rarer)", { type: rareType }],
    ["outcome failure", { outcome: "failure" }],
    ["ip", { ip }],
    ["date range (a week, 3 months ago)", { from: day(97), to: day(90) }],
    ["email + type", { email: busyEmail, type: "auth.sign_in" }],
    ["type + failure", { type: rareType, outcome: "failure" }],
    ["ip + failure", { ip, outcome: "failure" }],
    ["project + type + dates", { projectId: project, type: "auth.sign_in", from: day(200), to: day(30) }],
    ["email + failure + dates", { email: typicalEmail, outcome: "failure", from: day(300), to: day(10) }],
  ];
  // A deep page: the keyset position of an event 200 days back, where a reader paging "Older" would arrive.
  const deep: AuditCursor = { at: new Date(Date.now() - 200 * 86_400_000), id: "ffffffff-ffff-ffff-ffff-ffffffffffff" };
  const rows: string[][] = [];
  let worst = 0;
  for (const [name, filter] of cases) {
    const first = await timed(runs, () => db.$queryRaw(auditPageSql(filter, EVERYTHING, null, "older", PAGE_SIZE + 1)));
    const deepPage = await timed(runs, () => db.$queryRaw(auditPageSql(filter, EVERYTHING, deep, "older", PAGE_SIZE + 1)));
    const back = await timed(runs, () => db.$queryRaw(auditPageSql(filter, EVERYTHING, deep, "newer", PAGE_SIZE + 1)));
    worst = Math.max(worst, first.p95, deepPage.p95, back.p95);
    rows.push([name, ms(first.p50), ms(first.p95), ms(deepPage.p50), ms(deepPage.p95), ms(back.p50), ms(back.p95)]);
  }
  console.log(`\nConsole page queries at ${events.toLocaleString("en")} events (${runs} runs each; ms):`);
  table(["filter", "first p50", "first p95", "deep p50", "deep p95", "newer p50", "newer p95"], rows);
  console.log(`Worst page p95: ${ms(worst)} ms (target ≤ 20 ms) ${worst <= 20 ? "✓" : "✗"}`);

  const today = new Date().toISOString().slice(0, 10);
  const chartCases: [string, AuditFilter][] = [
    ["last 30 days, no filter", {}],
    ["last 30 days, type", { type: "auth.sign_in" }],
    ["last 30 days, email", { email: busyEmail }],
    ["a year, no filter", { from: day(365), to: today }],
  ];
  const chartRows: string[][] = [];
  for (const [name, filter] of chartCases) {
    const result = await timed(name.startsWith("a year") ? 3 : Math.min(runs, 20), () => db.$queryRaw(auditChartSql(filter, EVERYTHING, chartRange(filter, today))));
    chartRows.push([name, ms(result.p50), ms(result.p95)]);
  }
  console.log(`\nChart query (events per day by outcome; ms; the page counts only today and yesterday once finished days are in its rollup):`);
  table(["range", "p50", "p95"], chartRows);
  await closeDb();
  if (skipExport) return;

  console.log(`\nExport (child process writing to /dev/null):`);
  const exports: string[][] = [];
  for (const [label, query] of [["CSV, everything", "format=csv"], ["JSON, failures", "format=json&outcome=failure"], ["CSV, a month", `format=csv&from=${day(60)}&to=${day(30)}`]] as const) {
    const result = await spawnExport(query);
    exports.push([label, result.rows.toLocaleString("en"), result.seconds.toFixed(1), Math.round(result.rows / result.seconds).toLocaleString("en"), result.maxRssMb.toFixed(0)]);
  }
  table(["export", "rows", "seconds", "rows/s", "peak RSS MB"], exports);
  console.log("(targets: ≥ 200,000 rows/s, RSS ≤ 200 MB)");
}

const ms = (value: number) => value.toFixed(2);

function table(head: string[], rows: string[][]) {
  const widths = head.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index]!.length)));
  const line = (row: string[]) => row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join("  ");
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}
