// @ts-check
/**
 * Better Auth served by bare node:http, as its Node integration documents. The benchmark
 * starts it with DATABASE_URL, BETTER_AUTH_SECRET and PORT, after `migrate.mjs` made the schema.
 */
import http from "node:http";
import { toNodeHandler } from "better-auth/node";
import { createAuth } from "./auth.mjs";

const port = Number(process.env.PORT ?? 3322);
const { auth, pool } = createAuth({
  databaseUrl: required("DATABASE_URL"),
  secret: required("BETTER_AUTH_SECRET"),
  baseURL: `http://127.0.0.1:${port}`,
});

// An idle connection PostgreSQL ends is not a request's error (pg reports those to the query).
pool.on("error", (error) => console.error(`pg pool: ${error.message}`));

const server = http.createServer(toNodeHandler(auth));
server.listen(port, "127.0.0.1", () => console.log(`Better Auth on http://127.0.0.1:${port}/api/auth`));

for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.once(signal, () => server.close(() => void pool.end().finally(() => process.exit(0))));
}

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required.`);
  return value;
}
