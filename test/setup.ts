import { afterAll } from "vitest";
import { setDb } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "./db";

/**
 * Runs before each test file's own imports (vitest `setupFiles`): gives the file a fresh,
 * fully migrated database of its own (test/db.ts says which) and points the app at it, so
 * `db` from lib/db needs nothing else. Files run in parallel without sharing data.
 */
process.env.APP_ENV = "test";

const database = await createTestDatabase("migrated");
if (database.url) {
  // lib/env reads the environment once, on first use, which comes after this.
  process.env.DATABASE_URL = database.url;
} else {
  // Never let a developer's DATABASE_URL send tests to a real database.
  delete process.env.DATABASE_URL;
}
const client = new PrismaClient({ adapter: database.prismaAdapter() });
setDb(client);

afterAll(async () => {
  await client.$disconnect();
  await database.destroy();
});
