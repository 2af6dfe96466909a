import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    // tsconfig's "@/*": the repository root (a regex, so "@prisma/…" is left alone).
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**", ".data/**"],
    env: { APP_ENV: "test" },
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // bundling it through Vite resolves it the way Next does.
    server: { deps: { inline: ["next-auth"] } },
    // Once per run: the migrated template database (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    // Before each test file: its own copy of it, wired into lib/db (test/setup.ts).
    setupFiles: ["test/setup.ts"],
    // Test files run in parallel, each with its own database. Two workers on this project's
    // 2-core machines (vitest's default would be one: cores - 1); never more than the cores.
    maxWorkers: Math.max(1, Math.min(2, os.availableParallelism())),
    // A file's first query creates its PGlite database (test/setup.ts): ~0.5-1 s, several
    // seconds when the 2-core machine is busy, and it counts against that test's timeout.
    testTimeout: 30_000,
    // Creating databases, spawning processes and replaying migrations take seconds too.
    hookTimeout: 60_000,
  },
});
