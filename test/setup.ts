import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { afterAll } from "vitest";
import { setDb, TRANSACTION_OPTIONS } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase, testBackend, type TestDatabase } from "./db";

/**
 * Runs before each test file's own imports (vitest `setupFiles`): gives the file a fresh,
 * fully migrated database of its own (test/db.ts says which) and points the app at it, so
 * `db` from lib/db needs nothing else. Files run in parallel without sharing data.
 */
process.env.APP_ENV = "test";

let database: Promise<TestDatabase> | undefined;
const fileDatabase = () => (database ??= createTestDatabase("migrated"));

let adapter: SqlDriverAdapterFactory;
if (testBackend() === "postgres") {
  // Created now (a copy of the template costs ~0.1 s), because the URL must be real before
  // anything reads it: lib/env reads the environment once, on first use, after this.
  const created = await fileDatabase();
  process.env.DATABASE_URL = created.url;
  adapter = created.prismaAdapter();
} else {
  // Never let a developer's DATABASE_URL send tests to a real database.
  delete process.env.DATABASE_URL;
  // Loading a PGlite snapshot costs ~0.5-1 s of CPU, so only files that query pay for it:
  // the database is made on the client's first connection.
  adapter = {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: async () => (await fileDatabase()).prismaAdapter().connect(),
  };
}
const client = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
setDb(client);

afterAll(async () => {
  await client.$disconnect();
  await (await database)?.destroy();
});
