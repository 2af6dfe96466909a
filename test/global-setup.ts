import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { applyMigrations, pgliteMigrationDatabase, postgresMigrationDatabase } from "@/lib/db/migrate";
import {
  createPostgresDatabase,
  databaseUrl,
  dropPostgresDatabase,
  randomDatabaseName,
  type TestDbConfig,
} from "./db";

/**
 * Runs once per `vitest` run, before any test file: prepares the migrated database that every
 * test file copies (see test/db.ts). The migrations are applied through the wasm schema engine,
 * exactly as `npm run db:migrate` does, so the copies carry the real `_prisma_migrations` rows.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrationsDir = path.join(root, "prisma", "migrations");

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const pglite = await preparePGliteSnapshots();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    project.provide("tesseraTestDb", { pglite });
    return undefined;
  }
  const template = await preparePostgresTemplate(serverUrl);
  project.provide("tesseraTestDb", { pglite, postgres: { serverUrl, template } });
  return () => dropPostgresDatabase(serverUrl, template);
}

async function preparePostgresTemplate(serverUrl: string): Promise<string> {
  const template = randomDatabaseName("tessera_template");
  await createPostgresDatabase(serverUrl, template);
  const database = postgresMigrationDatabase(databaseUrl(serverUrl, template));
  try {
    await applyMigrations(database, { migrationsDir });
  } catch (error) {
    await database.close();
    await dropPostgresDatabase(serverUrl, template);
    throw error;
  }
  // No connection may stay open on a template, or copying it fails.
  await database.close();
  return template;
}

/**
 * PGlite snapshots (data directory tarballs) of an empty and of a migrated database, cached in
 * node_modules/.cache under a hash of everything that shapes them, so the few seconds of
 * initdb + migrate are paid only when a migration or a package version changes.
 */
async function preparePGliteSnapshots(): Promise<TestDbConfig["pglite"]> {
  const cacheDir = path.join(root, "node_modules", ".cache", "tessera-test-db");
  const key = await snapshotKey();
  const emptySnapshot = path.join(cacheDir, `${key}-empty.tar`);
  const migratedSnapshot = path.join(cacheDir, `${key}-migrated.tar`);
  const config = { emptySnapshot, migratedSnapshot };
  const cached = await Promise.all([emptySnapshot, migratedSnapshot].map((file) => fs.access(file).then(() => true, () => false)));
  if (cached.every(Boolean)) return config;

  await fs.mkdir(cacheDir, { recursive: true });
  // Snapshots of older migrations are 40 MB each and never used again; spare recent ones in
  // case another run on this checkout is still loading them.
  for (const entry of await fs.readdir(cacheDir)) {
    const file = path.join(cacheDir, entry);
    const stat = await fs.stat(file).catch(() => null);
    if (!entry.startsWith(key) && stat && Date.now() - stat.mtimeMs > 60 * 60 * 1000) {
      await fs.rm(file, { force: true });
    }
  }
  const pglite = new PGlite();
  try {
    await writeSnapshot(pglite, emptySnapshot);
    const database = pgliteMigrationDatabase(pglite, { description: "the test snapshot (PGlite)" });
    try {
      await applyMigrations(database, { migrationsDir });
    } finally {
      await database.close();
    }
    await writeSnapshot(pglite, migratedSnapshot);
  } finally {
    await pglite.close();
  }
  return config;
}

async function writeSnapshot(pglite: PGlite, file: string): Promise<void> {
  // Uncompressed: loading it is what every test file pays for, and gunzip would double that.
  const dump = await pglite.dumpDataDir("none");
  // Write then rename, so a concurrent run never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  await fs.writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await fs.rename(partial, file);
}

async function snapshotKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const name of ["@electric-sql/pglite", "@prisma/schema-engine-wasm"]) {
    // Read directly: neither package exports its package.json to require.resolve.
    const file = path.join(root, "node_modules", name, "package.json");
    const manifest = JSON.parse(await fs.readFile(file, "utf8")) as { version: string };
    hash.update(`${name}@${manifest.version}\n`);
  }
  const entries = (await fs.readdir(migrationsDir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    const file = entry.isDirectory() ? path.join(migrationsDir, entry.name, "migration.sql") : path.join(migrationsDir, entry.name);
    hash.update(`${entry.name}\n`);
    hash.update(await fs.readFile(file).catch(() => Buffer.alloc(0)));
  }
  return hash.digest("hex").slice(0, 16);
}
