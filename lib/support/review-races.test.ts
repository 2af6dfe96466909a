import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { secureAccount } from "@/lib/auth/not-me";
import { notifyUser } from "@/lib/email/notify";
import { context, createUser, PASSWORD } from "@/test/factories";

const RACERS = 20;

describe("review of issue 11: races", { timeout: 120_000 }, () => {
  it("'This wasn't me' used in parallel tabs opens one support case", async () => {
    const user = await createUser();
    await notifyUser(user.id, { template: "password-changed" });
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
    const token = message.text.match(/\/not-me\?token=([\w-]{43})/)![1]!;
    const results = await Promise.allSettled(Array.from({ length: RACERS }, () => secureAccount({ token, password: PASSWORD }, context)));
    expect(results.some((result) => result.status === "fulfilled")).toBe(true);
    expect(await db.supportCase.count({ where: { userId: user.id, kind: "not_me_report" } })).toBe(1);
  });
});
