// Offline replacement for `prisma migrate deploy` / `migrate dev --create-only`, built on
// Prisma's WebAssembly schema engine. See engine.ts for why.
export {
  describePostgresUrl,
  inMemoryShadow,
  pgliteMigrationDatabase,
  postgresMigrationDatabase,
  type MigrationDatabase,
  type ShadowFactory,
} from "./adapters";
export { applyMigrations, MigrationFailedError, type ApplyResult } from "./apply";
export { createMigration, type CreateResult } from "./create";
export { loadSchemaEngine } from "./engine";
export { InvalidMigrationNameError, validateMigrationName } from "./migrations-dir";
export { openMigrationTarget } from "./target";
