import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend, type TestDatabase } from "@/test/db";

// scripts/db.ts as people run it (`npm run db:migrate`), on this run's backend: an on-disk
// PGlite in a temporary DATA_DIR, or a new PostgreSQL database through DATABASE_URL.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SLOW = 90_000;

type Run = { code: number; stdout: string; stderr: string };

function runDb(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, DATABASE_URL: undefined, DATA_DIR: undefined, ...env };
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, "scripts", "db.ts"), ...args],
      { cwd: root, env: childEnv, timeout: SLOW },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe(`tsx scripts/db.ts (${testBackend()})`, () => {
  let tmp: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "tessera-db-cli-test-"));
    if (testBackend() === "postgres") {
      database = await createTestDatabase("empty");
      env = { DATABASE_URL: database.url! };
    } else {
      env = { DATA_DIR: path.join(tmp, "data") };
    }
  });
  afterAll(async () => {
    await database?.destroy();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it("migrate applies the pending migrations, then finds none", async () => {
    const migrations = (await fs.readdir(path.join(root, "prisma", "migrations"), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);

    const first = await runDb(["migrate"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    for (const name of migrations) expect(first.stdout).toContain(`applied ${name}`);

    const second = await runDb(["migrate"], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("No pending migrations");
    if (!database) {
      // The folder claim is given back when the command ends.
      await expect(fs.access(path.join(env.DATA_DIR!, "pglite.lock"))).rejects.toThrow();
    }
  }, SLOW);

  it("migration rejects a bad name with exit code 2 and writes nothing", async () => {
    const before = await fs.readdir(path.join(root, "prisma", "migrations"));
    const run = await runDb(["migration", "Add-Widget"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Invalid migration name "Add-Widget".*\[a-z0-9_\]|lower-case letters, digits and underscores/s);
    expect(await fs.readdir(path.join(root, "prisma", "migrations"))).toEqual(before);
  }, SLOW);

  it("explains its usage for an unknown command", async () => {
    const run = await runDb(["frobnicate"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage:");
  }, SLOW);
});
