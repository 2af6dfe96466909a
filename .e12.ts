import { loadPGliteSnapshot } from "./test/db";
import { PrismaClient } from "./lib/db/generated/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import fs from "node:fs";
const dir = "node_modules/.cache/tessera-test-db/";
const snap = dir + fs.readdirSync(dir).find((f) => f.endsWith(`-migrated.tar`));
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  const pg = await loadPGliteSnapshot(snap);
  const l = performance.now() - t;
  const c = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  await c.user.count();
  await c.$disconnect(); await pg.close();
  console.log(process.pid, i, Math.round(l), Math.round(performance.now() - t));
}
