import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

/**
 * The embedded database lives in `<dataDir>/pglite`. Two processes on one PGlite folder
 * silently lose writes, so the folder is claimed with a lock file naming the holder's PID;
 * a second live process is refused with a message that says what to do.
 */
export class DatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${path.resolve(dataDir)} is in use by another Tessera process ` +
        `(PID ${pid}). Stop that process first, or give this one its own folder with DATA_DIR, ` +
        `or use PostgreSQL with DATABASE_URL.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * `npm start` holds the folder from its first moment (so a second start is refused before it
 * builds) and its children must not be refused by it: it names a token in this variable, and a
 * process that presents the same token shares the claim (scripts/prepare.ts) or takes it over
 * (the server, at start-up), so the folder is never unclaimed in between.
 */
const SHARED_CLAIM_ENV = "TESSERA_EMBEDDED_DB_CLAIM";

type Lock = { pid: number; token?: string };

function readLock(lockPath: string): Lock | null {
  try {
    const { pid, token } = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return null;
    return { pid, token: typeof token === "string" ? token : undefined };
  } catch {
    return null;
  }
}

function lockContent(): string {
  return JSON.stringify({ pid: process.pid, since: new Date(), token: process.env[SHARED_CLAIM_ENV] });
}

function removeOnExit(lockPath: string): void {
  process.once("exit", () => {
    if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  });
}

function claimFolder(dataDir: string, mode: "share" | "take-over"): void {
  const lockPath = path.join(dataDir, "pglite.lock");
  const token = process.env[SHARED_CLAIM_ENV];
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, lockContent(), { flag: "wx" });
      removeOnExit(lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(lockPath);
    if (holder?.pid === process.pid) return;
    if (holder && isAlive(holder.pid)) {
      if (!token || holder.token !== token) throw new DatabaseLockedError(dataDir, holder.pid);
      if (mode === "take-over") {
        // Rename is atomic: the file never disappears while the claim changes hands.
        const next = `${lockPath}.${process.pid}`;
        fs.writeFileSync(next, lockContent());
        fs.renameSync(next, lockPath);
        removeOnExit(lockPath);
      }
      return;
    }
    // The holder is gone (crash, kill -9): the lock is stale.
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not claim the embedded database folder ${path.resolve(dataDir)}.`);
}

/**
 * Claims the folder for this process without opening the database, so a second process on
 * it is refused at start-up rather than at its first query. With `forChildren`, processes
 * this one starts share the claim, and the first that holds it takes it over.
 */
export function holdEmbeddedDatabase(dataDir: string, options: { forChildren?: boolean } = {}): void {
  if (options.forChildren) process.env[SHARED_CLAIM_ENV] ??= crypto.randomUUID();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  claimFolder(dataDir, "take-over");
}

/** Opens (creating if needed) the embedded database under dataDir, claiming the folder. */
export function openEmbeddedDatabase(dataDir: string): PGlite {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  claimFolder(dataDir, "share");
  return new PGlite(path.join(dataDir, "pglite"));
}

/** Gives up the folder claim early (scripts that finish before the process exits). */
export function releaseEmbeddedDatabase(dataDir: string): void {
  const lockPath = path.join(dataDir, "pglite.lock");
  if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}
