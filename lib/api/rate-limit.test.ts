import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Read once by lib/env on first use: this file's routes allow 50 calls a minute per key.
  process.env.API_RATE_LIMIT_PER_MINUTE = "50";
});

import { db } from "@/lib/db";
import { getCompliance } from "./endpoints/project";
import { callRoute, keyFor, projectWithOwner } from "./testing";

describe("per-key rate limit", { timeout: 120_000 }, () => {
  it("200 parallel calls with a limit of 50: exactly 50 pass, the other 150 get 429 with Retry-After", async () => {
    const now = new Date();
    const setup = await projectWithOwner(now);
    const created = await keyFor(setup, { scopes: ["read"] }, now);
    const responses = await Promise.all(Array.from({ length: 200 }, () => callRoute(getCompliance, { projectId: setup.project.id }, { key: created.key, now })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(150);
    for (const response of responses.filter((answer) => answer.status === 429)) {
      expect(response.headers.get("retry-after")).toBe("60");
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.rateCount).toBe(200);
  });

  it("the window is fixed: 59 s later still refused with Retry-After 1, 60 s later open again", async () => {
    const now = new Date();
    const setup = await projectWithOwner(now);
    const created = await keyFor(setup, { scopes: ["read"] }, now);
    const call = (at: Date) => callRoute(getCompliance, { projectId: setup.project.id }, { key: created.key, now: at });
    for (let n = 0; n < 50; n++) expect((await call(now)).status).toBe(200);
    const late = await call(new Date(now.getTime() + 59_000));
    expect(late.status).toBe(429);
    expect(late.headers.get("retry-after")).toBe("1");
    const next = await call(new Date(now.getTime() + 60_000));
    expect(next.status).toBe(200);
    expect(next.headers.get("ratelimit-remaining")).toBe("49");
  });
});
