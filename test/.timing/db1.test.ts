import { expect, it } from "vitest";
import { db } from "@/lib/db";
it("counts users", async () => {
  let t = performance.now();
  expect(await db.user.count()).toBe(0);
  const first = Math.round(performance.now() - t);
  t = performance.now();
  expect(await db.user.count()).toBe(0);
  console.log(`first query ${first} ms, second ${Math.round(performance.now() - t)} ms`);
});
