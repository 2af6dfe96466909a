/**
 * One export as the route streams it (lib/support/audit-export.ts), written to /dev/null; prints
 * {rows, seconds, maxRssMb} as its last line. Run by scripts/bench/audit.ts in its own process,
 * so the peak RSS is the export's alone.
 */
import fs from "node:fs";
import { auditFilterFromParams } from "@/lib/support/audit-filter";
import { auditExportStream } from "@/lib/support/audit-export";

const params = new URLSearchParams(process.argv[2] ?? "format=csv");
const format = params.get("format") === "json" ? "json" : "csv";
const filter = auditFilterFromParams(params);
if (!filter.success) throw new Error("bad filter");
const out = fs.openSync("/dev/null", "w");
const started = performance.now();
let lines = 0;
const reader = auditExportStream(filter.data, { kind: "everything" }, format, "en").getReader();
for (let next = await reader.read(); !next.done; next = await reader.read()) {
  const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  fs.writeSync(out, chunk);
}
const seconds = (performance.now() - started) / 1000;
// CSV: a line per row and the headings' line; JSON: a line per object, and "]" on a line of its own after a final newline.
const rows = format === "csv" ? lines - 1 : lines - 2;
console.log(JSON.stringify({ format, rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
