import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseLockedError, openEmbeddedDatabase, releaseEmbeddedDatabase } from "@/lib/db/embedded";

// Every child here runs with no token of a parent's claim (start-with-children.ts makes its own).
delete process.env.TESSERA_EMBEDDED_DB_CLAIM;

// Two processes on one PGlite folder silently lose writes, so the folder is claimed with a
// lock file naming its holder (lib/db/embedded.ts). These tests use real processes.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (name: string) => path.join(root, "test", "fixtures", name);
const holder = fixture("hold-embedded-db.ts");
const SLOW = 60_000; // opening a new on-disk PGlite runs initdb

let dataDir: string;
const children: ChildProcess[] = [];
const opened: PGlite[] = [];

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "tessera-embedded-test-"));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((pglite) => pglite.close()));
  releaseEmbeddedDatabase(dataDir);
  await fs.rm(dataDir, { recursive: true, force: true });
});
const grandchildren: number[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const pid of grandchildren) process.kill(pid, "SIGKILL");
});

/** Starts a fixture process on the folder and waits until its output matches `ready`. */
async function startChild(script: string, dir: string, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, dir], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      const found = output.match(ready);
      if (found) resolve(found);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`${path.basename(script)} exited with ${code}:\n${output}`)));
  });
  return { child, match };
}

/** Starts a process that opens the folder, and waits until it holds it. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  return (await startChild(holder, dir, /holding/)).child;
}

/** Runs a fixture that must be refused: its exit code and everything it printed. */
async function refusedRun(script: string, dir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, dir], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  // A process that was not refused says "started"/"holding" and stays up: kill it, and the
  // test sees its output and a signal instead of exit code 1.
  child.stdout!.on("data", () => /started|holding/.test(output) && child.kill("SIGKILL"));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, output };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await exited(child);
  return child.pid!;
}

const lockHolder = async () =>
  (JSON.parse(await fs.readFile(path.join(dataDir, "pglite.lock"), "utf8")) as { pid: number }).pid;

describe("the embedded database folder lock", () => {
  it("refuses a folder that another live process holds, saying what to do", async () => {
    const child = await holdInChild(dataDir);
    expect(await lockHolder()).toBe(child.pid);

    expect(() => openEmbeddedDatabase(dataDir)).toThrow(DatabaseLockedError);
    expect(() => openEmbeddedDatabase(dataDir)).toThrow(
      new RegExp(`in use by another Tessera process \\(PID ${child.pid}\\).*DATA_DIR.*DATABASE_URL`, "s"),
    );
    expect(await lockHolder()).toBe(child.pid); // the refusal left the holder's claim alone

    // Killed without a chance to clean up (as by kill -9): its lock is stale and taken over.
    child.kill("SIGKILL");
    await exited(child);
    // (The child died during its PGlite's initdb; start this one on a clean database folder.)
    await fs.rm(path.join(dataDir, "pglite"), { recursive: true, force: true });
    opened.push(openEmbeddedDatabase(dataDir));
    expect(await lockHolder()).toBe(process.pid);
  }, SLOW);

  it("takes over a lock whose process is gone", async () => {
    const pid = await deadPid();
    await fs.writeFile(path.join(dataDir, "pglite.lock"), JSON.stringify({ pid, since: new Date() }));

    const pglite = openEmbeddedDatabase(dataDir);
    opened.push(pglite);
    expect(await lockHolder()).toBe(process.pid);
    await pglite.waitReady; // and the database really opens
    expect((await pglite.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  }, SLOW);

  it("gives the folder up on release", async () => {
    await fs.writeFile(path.join(dataDir, "pglite.lock"), JSON.stringify({ pid: process.pid, since: new Date() }));
    releaseEmbeddedDatabase(dataDir);
    await expect(fs.access(path.join(dataDir, "pglite.lock"))).rejects.toThrow();
  });
});

describe("the claim at start-up", () => {
  const inUseBy = (pid: number) => new RegExp(`Tessera cannot start[\\s\\S]*in use by another Tessera process \\(PID ${pid}\\)`);

  it("is taken when the server starts, before any query, and a second server is refused at once", async () => {
    const { child } = await startChild(fixture("start-server.ts"), dataDir, /started/);
    expect(await lockHolder()).toBe(child.pid);
    // Nothing was queried: the database itself was never opened.
    await expect(fs.access(path.join(dataDir, "pglite"))).rejects.toThrow();

    const second = await refusedRun(fixture("start-server.ts"), dataDir);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(inUseBy(child.pid!));
  }, SLOW);

  it("passes from npm start to its server without a gap, and the server keeps it if npm start dies", async () => {
    const { child: start, match } = await startChild(fixture("start-with-children.ts"), dataDir, /started (\d+)/);
    const server = Number(match[1]);
    grandchildren.push(server);
    expect(server).not.toBe(start.pid);
    expect(await lockHolder()).toBe(server);

    for (const script of ["start-server.ts", "start-with-children.ts"]) {
      const refused = await refusedRun(fixture(script), dataDir);
      expect(refused.code, script).toBe(1);
      expect(refused.output, script).toMatch(new RegExp(`in use by another Tessera process \\(PID ${server}\\)`));
    }

    start.kill("SIGKILL");
    await exited(start);
    expect(await lockHolder()).toBe(server);
    expect((await refusedRun(fixture("start-server.ts"), dataDir)).code).toBe(1);
  }, SLOW);
});
