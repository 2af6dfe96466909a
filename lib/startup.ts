import { ConfigError, getEnv } from "@/lib/env";

/** Stops the server at start-up when the configuration is missing or wrong. */
export function checkConfiguration(): void {
  try {
    getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nTessera cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
