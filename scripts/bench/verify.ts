/**
 * The second-factor verification benchmark of issue 8 §1:
 *
 *   npm run bench:verify                       1,500 users per phase, concurrency 16 then 64
 *   npm run bench:verify -- --users=300        fewer users per phase
 *   npm run bench:verify -- --concurrency=8,32 other phases
 *   npm run bench:verify -- --peer=better-auth not yet: the Better Auth peer comes next
 *
 * Builds for production if the sources changed, creates a throw-away database on the
 * PostgreSQL at 127.0.0.1:5432 (VERIFY_POSTGRES_URL names another server), starts one `next
 * start` on it, and per phase prepares fresh users, each with an enrolled authenticator and a
 * pending sign-in challenge (untimed). Then, timed, it submits each user's current code once
 * over HTTP as the Verify form sends it, at the phase's concurrency; checks in the database
 * that every session became fully signed in; and prints verifications/s, p50/p95/p99, errors
 * (any answer but the redirect to /security) and the server's CPU ms per verification.
 * Exits non-zero on any error or any session not signed in.
 */
import { describeCounts, inBatches, percentile } from "./lib/tally";
import type { VerifyingSystem } from "./systems/system";
import { tessera } from "./systems/tessera";

const POSTGRES_URL = process.env.VERIFY_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PEERS = ["better-auth"];

type Options = { users: number; concurrency: number[]; peer: string | null };

function parseOptions(args: string[]): Options {
  const options: Options = { users: 1500, concurrency: [16, 64], peer: null };
  for (const arg of args) {
    const [, name, value = ""] = /^--([a-z]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === "users" && /^\d+$/.test(value) && Number(value) > 0) options.users = Number(value);
    else if (name === "concurrency" && /^\d+(,\d+)*$/.test(value)) options.concurrency = value.split(",").map(Number);
    else if (name === "peer" && value) options.peer = value;
    else throw new Error(`Unknown or malformed argument ${arg}. Options: --users=N, --concurrency=16,64, --peer=${PEERS.join("|")}.`);
  }
  return options;
}

type Phase = {
  concurrency: number;
  users: number;
  seconds: number;
  latencies: number[];
  errors: Map<string, number>;
  cpuMs: number;
  signedIn: number;
};

/** One timed phase: fresh users (untimed), each current code submitted once, then the database's word. */
async function runPhase<C>(system: VerifyingSystem<C>, users: number, concurrency: number): Promise<Phase> {
  process.stdout.write(`${system.name}, concurrency ${concurrency}: preparing ${users} pending challenges… `);
  const challenges = await system.prepare(users);
  process.stdout.write("verifying… ");
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const cpuBefore = system.serverCpuMs();
  const started = performance.now();
  await inBatches(challenges, concurrency, async (challenge) => {
    const sent = performance.now();
    const answer = await system.verify(challenge);
    latencies.push(performance.now() - sent);
    if (!answer.ok) errors.set(answer.outcome, (errors.get(answer.outcome) ?? 0) + 1);
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = system.serverCpuMs() - cpuBefore;
  const signedIn = await system.signedIn(challenges);
  console.log(`${seconds.toFixed(1)} s`);
  return { concurrency, users, seconds, latencies, errors, cpuMs, signedIn };
}

function printTable(name: string, phases: Phase[]): boolean {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const errorCount = (phase: Phase) => [...phase.errors.values()].reduce((sum, n) => sum + n, 0);
  const rows: [string, (phase: Phase) => string][] = [
    ["verifications", (phase) => String(phase.users)],
    ["verifications/s", (phase) => (phase.users / phase.seconds).toFixed(1)],
    ["p50 latency", (phase) => ms(percentile(phase.latencies, 50))],
    ["p95 latency", (phase) => ms(percentile(phase.latencies, 95))],
    ["p99 latency", (phase) => ms(percentile(phase.latencies, 99))],
    ["errors", (phase) => String(errorCount(phase))],
    ["server CPU per verification", (phase) => `${(phase.cpuMs / phase.users).toFixed(1)} ms`],
    ["signed in (database)", (phase) => `${phase.signedIn} of ${phase.users}`],
  ];
  const header = [name, ...phases.map((phase) => `concurrency ${phase.concurrency}`)];
  const table = [header, ...rows.map(([label, value]) => [label, ...phases.map(value)])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("   ");
  console.log(`\n${format(header)}\n${widths.map((width) => "─".repeat(width)).join("   ")}`);
  for (const row of table.slice(1)) console.log(format(row));
  for (const phase of phases) if (phase.errors.size > 0) console.log(`errors at concurrency ${phase.concurrency}: ${describeCounts(phase.errors)}`);
  return phases.every((phase) => errorCount(phase) === 0 && phase.signedIn === phase.users);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.peer !== null) {
    // The structure is ready for it: a peer is one more VerifyingSystem (systems/), run in alternation.
    console.error(`--peer=${options.peer}: not yet. Comparing with a peer (${PEERS.join(", ")}) is the next step of issue 8; run without --peer for Tessera alone.`);
    return 2;
  }
  const system = tessera(POSTGRES_URL);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void system.stop().finally(() => process.exit(130)));
  console.log(`Server log in ${system.logDir}`);
  try {
    await system.start();
    const phases: Phase[] = [];
    for (const concurrency of options.concurrency) phases.push(await runPhase(system, options.users, concurrency));
    const ok = printTable(system.name, phases);
    if (!ok) console.log("\nFAILED: an answer was not the redirect to /security, or a session did not end up signed in.");
    return ok ? 0 : 1;
  } finally {
    await system.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
