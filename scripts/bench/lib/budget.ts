/**
 * The budget file (bench/budget.json): the figures issue 8 set, which every benchmark prints
 * its measurements against so later work can see what it cost.
 */
import fs from "node:fs";
import path from "node:path";
import { root } from "./servers";

export type Limit = { min?: number; max?: number; unit: string };
type Budget = Record<string, Record<string, Limit>>;

export const BUDGET_FILE = path.join(root, "bench/budget.json");

export function readBudget(): Budget {
  const { $comment: _comment, ...budget } = JSON.parse(fs.readFileSync(BUDGET_FILE, "utf8")) as Budget & { $comment?: string };
  return budget;
}

export type Verdict = { label: string; value: number; limit: Limit; within: boolean };

/** One measured figure against its limit in section `section` of the budget (null when the budget has none). */
export function against(section: string, key: string, value: number, label = key): Verdict | null {
  const limit = readBudget()[section]?.[key];
  if (!limit) return null;
  const within = (limit.min === undefined || value >= limit.min) && (limit.max === undefined || value <= limit.max);
  return { label, value, limit, within };
}

/** Prints the verdicts as a table and says whether every figure is within its budget. */
export function printVerdicts(title: string, verdicts: (Verdict | null)[], digits = 1): boolean {
  const rows = verdicts.filter((verdict): verdict is Verdict => verdict !== null);
  if (rows.length === 0) return true;
  const bound = (limit: Limit) => [limit.min !== undefined ? `≥ ${limit.min}` : "", limit.max !== undefined ? `≤ ${limit.max}` : ""].filter(Boolean).join(" and ");
  const width = Math.max(...rows.map((row) => row.label.length));
  console.log(`\n${title} (budget: ${path.relative(root, BUDGET_FILE)})`);
  for (const row of rows) {
    // A count (errors) reads as a count; a measurement gets `digits` decimals.
    const shown = Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(digits);
    const value = `${shown}${row.limit.unit ? ` ${row.limit.unit}` : ""}`;
    console.log(`  ${row.label.padEnd(width)}  ${value.padStart(10)}   budget ${bound(row.limit)} ${row.limit.unit}   ${row.within ? "ok" : "OVER"}`);
  }
  return rows.every((row) => row.within);
}
