import { DatabaseLockedError, holdEmbeddedDatabase } from "@/lib/db/embedded";
import { ConfigError, getEnv } from "@/lib/env";

function refuseToStart(message: string): never {
  console.error(`\nTessera cannot start.\n${message}\n`);
  process.exit(1);
}

/** Stops the server at start-up when the configuration is missing or wrong. */
export function checkConfiguration(): void {
  try {
    getEnv();
  } catch (error) {
    if (error instanceof ConfigError) refuseToStart(error.message);
    throw error;
  }
}

/**
 * Claims the embedded database folder as the server starts, not at its first query: until a
 * query came, a second server on the same DATA_DIR was not refused and both served, losing writes.
 */
export function holdDatabaseFolder(): void {
  const env = getEnv();
  if (env.DATABASE_URL) return;
  try {
    holdEmbeddedDatabase(env.DATA_DIR);
  } catch (error) {
    if (error instanceof DatabaseLockedError) refuseToStart(error.message);
    throw error;
  }
}
