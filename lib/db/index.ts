import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv } from "@/lib/env";
import { openEmbeddedDatabase } from "./embedded";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(): PrismaClient {
  const env = getEnv();
  const adapter = env.DATABASE_URL
    ? new PrismaPg({ connectionString: env.DATABASE_URL })
    : new PrismaPGlite(openEmbeddedDatabase(env.DATA_DIR));
  return new PrismaClient({ adapter });
}

const holder = globalThis as unknown as { tesseraDb?: PrismaClient };

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
