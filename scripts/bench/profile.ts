/**
 * Where a server's CPU went, from a V8 CPU profile (`node --cpu-prof`, or
 * BENCH_CPU_PROFILE_DIR=dir npm run bench:verify):
 *
 *   npx tsx scripts/bench/profile.ts dir/CPU.….cpuprofile [--top=25]
 *
 * Prints self time by package (node_modules/<name>, Next's compiled copies by their own name,
 * the app's chunks as "app", Node's internals as "node") and by function.
 */
import fs from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("Usage: tsx scripts/bench/profile.ts <file.cpuprofile> [--top=25]");
  process.exit(2);
}
const top = Number(/^--top=(\d+)$/.exec(rest[0] ?? "")?.[1] ?? 25);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

/** Which package a frame belongs to, read from its script's URL. */
function packageOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "(garbage collection)";
  if (name === "(idle)" || name === "(program)") return name;
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "node";
  const compiled = /next\/dist\/compiled\/([^/]+(?:\/[^/]+)?)/.exec(url);
  if (compiled) return `next (compiled ${compiled[1]!.startsWith("@") ? compiled[1] : compiled[1]!.split("/")[0]})`;
  const modules = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1);
  if (modules) return modules[1]!;
  if (/\.next\/server\//.test(url)) return "app (.next/server chunks)";
  return url.replace(/^file:\/\//, "");
}

const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
const busy = total - (selfMs.get(profile.nodes.find((node) => node.callFrame.functionName === "(idle)")?.id ?? -1) ?? 0);
const sum = (key: (node: ProfileNode) => string) => {
  const totals = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") continue;
    totals.set(key(node), (totals.get(key(node)) ?? 0) + ms);
  }
  return [...totals].sort(([, a], [, b]) => b - a).slice(0, top);
};
const print = (title: string, rows: [string, number][]) => {
  console.log(`\n${title}`);
  for (const [name, ms] of rows) console.log(`  ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
};

/** Time under each function (itself and what it called), each sample counted once per function on its stack. */
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
function inclusive(label: (node: ProfileNode) => string | null): [string, number][] {
  const totals = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (name && !seen.has(name)) {
        seen.add(name);
        totals.set(name, (totals.get(name) ?? 0) + ms);
      }
    }
  }
  return [...totals].sort(([, a], [, b]) => b - a).slice(0, top);
}

console.log(`${file}: ${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (not idle)`);
print("Self time by package", sum((node) => packageOf(node.callFrame.url, node.callFrame.functionName)));
print(
  "Self time by function",
  sum((node) => `${node.callFrame.functionName || "(anonymous)"}  ${packageOf(node.callFrame.url, node.callFrame.functionName)}:${node.callFrame.lineNumber + 1}`),
);
print(
  "Total time by function (with what it called)",
  inclusive((node) => (node.callFrame.functionName && !node.callFrame.url.startsWith("node:") ? `${node.callFrame.functionName}  ${packageOf(node.callFrame.url, node.callFrame.functionName)}:${node.callFrame.lineNumber + 1}` : null)),
);
