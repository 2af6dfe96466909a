import fs from "node:fs";
import { execFileSync } from "node:child_process";

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system, in ms) that process `pid` and all its descendants have used so far,
 * from /proc. `next start` may hand requests to a child process; summing the tree counts
 * whichever one listens on the port.
 */
export function processTreeCpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  let ticks = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const stat = fs.readFileSync(`/proc/${current}/stat`, "utf8").toString();
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
    for (const task of fs.readdirSync(`/proc/${current}/task`)) {
      const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
      if (children) pending.push(...children.split(/\s+/).map(Number));
    }
  }
  return (ticks * 1000) / ticksPerSecond;
}
