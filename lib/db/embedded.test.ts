import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseLockedError, openEmbeddedDatabase, releaseEmbeddedDatabase } from "@/lib/db/embedded";

// Two processes on one PGlite folder silently lose writes, so the folder is claimed with a
// lock file naming its holder (lib/db/embedded.ts). These tests use real processes.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const holder = path.join(root, "test", "fixtures", "hold-embedded-db.ts");
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
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts a process that opens the folder, and waits until it holds it. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", holder, dir], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("holding")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}:\n${output}`)));
  });
  return child;
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
