/**
 * The second-factor verification benchmark of issue 8 §1:
 *
 *   npm run bench:verify                                   Tessera alone: 1,500 users per phase, concurrency 16 then 64
 *   npm run bench:verify -- --users=300                    fewer users per phase
 *   npm run bench:verify -- --concurrency=8,32             other phases
 *   npm run bench:verify -- --peer=better-auth             against Better Auth, in 3 alternating rounds
 *   npm run bench:verify -- --peer=better-auth --rounds=1  one round
 *
 * Builds for production if the sources changed, creates a throw-away database on the
 * PostgreSQL at 127.0.0.1:5432 (VERIFY_POSTGRES_URL names another server), starts one `next
 * start` on it, and per phase prepares fresh users, each with an enrolled authenticator and a
 * pending sign-in challenge (untimed). Then, timed, it submits each user's current code once
 * over HTTP as the Verify form sends it, at the phase's concurrency; checks in the database
 * that every session became fully signed in; and prints verifications/s, p50/p95/p99, errors
 * (any answer but the redirect to /security) and the server's CPU ms per verification.
 *
 * With a peer (systems/better-auth.ts), its server runs beside Tessera's on a database of its
 * own and the two take turns: each round runs, per concurrency, one phase of each, and which
 * goes first alternates between rounds, so a drift in the machine's load falls on both. A
 * summary gives per concurrency each system's verifications/s per round and the ratio
 * Tessera/peer with its median, against bench/budget.json.
 *
 * Exits non-zero on any error, any session not signed in, or a figure outside its budget (the
 * median ratio to the peer over the rounds).
 */
import { against, printVerdicts } from "./lib/budget";
import { describeCounts, inBatches, percentile } from "./lib/tally";
import { betterAuth } from "./systems/better-auth";
import type { VerifyingSystem } from "./systems/system";
import { tessera } from "./systems/tessera";

const POSTGRES_URL = process.env.VERIFY_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

type System = VerifyingSystem<unknown> & { logDir: string };
const PEERS: Record<string, (postgresUrl: string) => System> = { "better-auth": betterAuth };

type Options = { users: number; concurrency: number[]; peer: string | null; rounds: number };

function parseOptions(args: string[]): Options {
  const options: Options = { users: 1500, concurrency: [16, 64], peer: null, rounds: 0 };
  for (const arg of args) {
    const [, name, value = ""] = /^--([a-z]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === "users" && /^\d+$/.test(value) && Number(value) > 0) options.users = Number(value);
    else if (name === "concurrency" && /^\d+(,\d+)*$/.test(value)) options.concurrency = value.split(",").map(Number);
    else if (name === "peer" && Object.hasOwn(PEERS, value)) options.peer = value;
    else if (name === "rounds" && /^\d+$/.test(value) && Number(value) > 0) options.rounds = Number(value);
    else throw new Error(`Unknown or malformed argument ${arg}. Options: --users=N, --concurrency=16,64, --peer=${Object.keys(PEERS).join("|")}, --rounds=N.`);
  }
  // One round measures Tessera alone; against a peer, three rounds show how much the ratio moves.
  options.rounds ||= options.peer ? 3 : 1;
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
async function runPhase(system: System, users: number, concurrency: number): Promise<Phase> {
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

const errorCount = (phase: Phase) => [...phase.errors.values()].reduce((sum, n) => sum + n, 0);

function printTable(name: string, phases: Phase[]): boolean {
  const ms = (value: number) => `${Math.round(value)} ms`;
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
  printGrid([name, ...phases.map((phase) => `concurrency ${phase.concurrency}`)], rows.map(([label, value]) => [label, ...phases.map(value)]));
  for (const phase of phases) if (phase.errors.size > 0) console.log(`errors at concurrency ${phase.concurrency}: ${describeCounts(phase.errors)}`);
  return phases.every((phase) => errorCount(phase) === 0 && phase.signedIn === phase.users);
}

/** A table: the first column left-aligned, the others right-aligned, a rule under the header. */
function printGrid(header: string[], rows: string[][]) {
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? "").length)));
  const format = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("   ");
  console.log(`\n${format(header)}\n${widths.map((width) => "─".repeat(width)).join("   ")}`);
  for (const row of rows) console.log(format(row));
}

const rate = (phase: Phase) => phase.users / phase.seconds;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Per concurrency and round, both systems' verifications/s and their ratio; returns the median
 * ratio per concurrency. `rounds[r].get(system)[i]` is the phase at the i-th concurrency.
 */
function printComparison(ours: System, peer: System, rounds: Map<System, Phase[]>[], concurrencies: number[]): Map<number, number> {
  const medians = new Map<number, number>();
  const rows: string[][] = [];
  concurrencies.forEach((concurrency, index) => {
    const ratios = rounds.map((phases) => rate(phases.get(ours)![index]!) / rate(phases.get(peer)![index]!));
    rounds.forEach((phases, round) =>
      rows.push([String(concurrency), String(round + 1), rate(phases.get(ours)![index]!).toFixed(1), rate(phases.get(peer)![index]!).toFixed(1), ratios[round]!.toFixed(2)]),
    );
    medians.set(concurrency, median(ratios));
    rows.push([String(concurrency), "median", "", "", median(ratios).toFixed(2)]);
  });
  console.log(`\nVerifications/s, ${ours.name} against ${peer.name}`);
  printGrid(["concurrency", "round", ours.name, peer.name, `${ours.name}/${peer.name}`], rows);
  return medians;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const systems: System[] = [tessera(POSTGRES_URL), ...(options.peer ? [PEERS[options.peer]!(POSTGRES_URL)] : [])];
  const stopAll = async () => {
    for (const system of systems) await system.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  for (const system of systems) console.log(`${system.name}: server log in ${system.logDir}`);
  try {
    for (const system of systems) await system.start();
    const rounds: Map<System, Phase[]>[] = [];
    let ok = true;
    for (let round = 1; round <= options.rounds; round++) {
      if (options.rounds > 1) console.log(`\nRound ${round} of ${options.rounds}`);
      // Alternate who goes first, so a trend in the machine's load does not favour one system.
      const order = round % 2 === 1 ? systems : [...systems].reverse();
      const phases = new Map(systems.map((system) => [system, [] as Phase[]]));
      for (const concurrency of options.concurrency) {
        for (const system of order) phases.get(system)!.push(await runPhase(system, options.users, concurrency));
      }
      for (const system of systems) ok = printTable(system.name, phases.get(system)!) && ok;
      rounds.push(phases);
    }
    const [ours, peer] = systems;
    const medians = peer ? printComparison(ours!, peer, rounds, options.concurrency) : new Map<number, number>();
    const errors = rounds.flatMap((phases) => [...phases.values()].flat()).reduce((sum, phase) => sum + errorCount(phase), 0);
    const withinBudget = printVerdicts(
      "Against the budget",
      [
        ...[...medians].map(([concurrency, ratio]) =>
          against("verify", "ratioToBetterAuth", ratio, `${ours!.name}/${peer!.name} verifications/s, concurrency ${concurrency} (median of ${options.rounds})`),
        ),
        against("verify", "errors", errors, `errors (${systems.map((system) => system.name).join(" and ")}, every phase)`),
      ],
      2,
    );
    if (!ok) console.log("\nFAILED: an answer was not a successful verification, or a session did not end up signed in.");
    else if (!withinBudget) console.log("\nOVER: a figure is outside its budget (on a shared machine, look at the rounds before believing one run).");
    return ok && withinBudget ? 0 : 1;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
