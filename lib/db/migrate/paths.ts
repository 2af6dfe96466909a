import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's schema and migrations, as prisma.config.ts names them, whatever the working directory. */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const MIGRATIONS_DIR = path.join(REPOSITORY_ROOT, "prisma", "migrations");
export const SCHEMA_PATH = path.join(REPOSITORY_ROOT, "prisma", "schema.prisma");
