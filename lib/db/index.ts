import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv } from "@/lib/env";
import type { PGlite } from "@electric-sql/pglite";
import { openEmbeddedDatabase, releaseEmbeddedDatabase } from "./embedded";
import { POOL_SIZE, TRANSACTION_OPTIONS } from "./pool";

export { POOL_SIZE, TRANSACTION_OPTIONS };
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const holder = globalThis as unknown as { tesseraDb?: PrismaClient; tesseraPglite?: PGlite };

function createClient(): PrismaClient {
  const env = getEnv();
  if (env.DATABASE_URL) {
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: POOL_SIZE });
    return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  }
  holder.tesseraPglite = openEmbeddedDatabase(env.DATA_DIR);
  return new PrismaClient({ adapter: new PrismaPGlite(holder.tesseraPglite), transactionOptions: TRANSACTION_OPTIONS });
}

/** Closes the connection; scripts call it so the process can exit with the embedded data flushed. */
export async function closeDb(): Promise<void> {
  await holder.tesseraDb?.$disconnect();
  await holder.tesseraPglite?.close();
  releaseEmbeddedDatabase(getEnv().DATA_DIR);
  holder.tesseraDb = undefined;
  holder.tesseraPglite = undefined;
}

/** The database client, created on first use (dev reloads reuse one instance). */
export function getDb(): PrismaClient {
  holder.tesseraDb ??= createClient();
  return holder.tesseraDb;
}

/** Lets tests hand the app an isolated database. */
export function setDb(client: PrismaClient): void {
  holder.tesseraDb = client;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
