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

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function claimFolder(dataDir: string): void {
  const lockPath = path.join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, since: new Date() }), {
        flag: "wx",
      });
      process.once("exit", () => {
        if (readHolder(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(lockPath);
    if (holder === process.pid) return;
    if (holder !== null && isAlive(holder)) throw new DatabaseLockedError(dataDir, holder);
    // The holder is gone (crash, kill -9): the lock is stale.
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not claim the embedded database folder ${path.resolve(dataDir)}.`);
}

/** Opens (creating if needed) the embedded database under dataDir, claiming the folder. */
export function openEmbeddedDatabase(dataDir: string): PGlite {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  claimFolder(dataDir);
  return new PGlite(path.join(dataDir, "pglite"));
}

/** Gives up the folder claim early (scripts that finish before the process exits). */
export function releaseEmbeddedDatabase(dataDir: string): void {
  const lockPath = path.join(dataDir, "pglite.lock");
  if (readHolder(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
}
