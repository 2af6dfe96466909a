import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/test/factories";
import { recordAudit } from "./record";

describe("recordAudit", { timeout: 30_000 }, () => {
  it("keeps the browser and system the User-Agent names, so the security log never parses it", async () => {
    const user = await createUser();
    const userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";
    await recordAudit(db, { type: "sudo.granted", actorId: user.id, context: { ip: "203.0.113.9", userAgent } });
    await recordAudit(db, { type: "sudo.failed", actorId: user.id });
    const events = await db.auditEvent.findMany({ where: { subjectId: user.id, type: { startsWith: "sudo." } }, orderBy: { type: "asc" } });
    expect(events.map(({ type, userAgent, browserName, osName }) => ({ type, userAgent, browserName, osName }))).toEqual([
      { type: "sudo.failed", userAgent: null, browserName: null, osName: null },
      { type: "sudo.granted", userAgent, browserName: "Firefox", osName: "Linux" },
    ]);
  });
});
