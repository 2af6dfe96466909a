import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { allWeek, doorIn, doorProject } from "@/lib/access/door-testing";
import { resetFakeRequest, signInAs } from "@/test/request-session";
import { saveScheduleAction } from "./doors";

vi.mock("next/headers", () => import("@/test/request-session").then((m) => m.nextHeaders()));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((m) => m.sessionModule()));

beforeEach(() => resetFakeRequest());

describe("the schedule editor's action", () => {
  it("saves a schedule only in sudo mode: Card + code turned into Card only is not one stolen session away", async () => {
    const { projectId, owner } = await doorProject();
    const door = await doorIn(projectId, allWeek("card_and_code"));
    const session = await signInAs(owner.id, { factor: true });
    const form = new FormData();
    form.set("projectId", projectId);
    form.set("doorId", door.id);
    form.set("schedule", JSON.stringify(allWeek("card_only")));
    const stored = async () => ((await db.door.findUniqueOrThrow({ where: { id: door.id } })).schedule as { mode: string }[]).map((window) => window.mode);

    await db.session.update({ where: { id: session.id }, data: { verifiedAt: new Date(Date.now() - 24 * 3_600_000) } });
    expect(await saveScheduleAction(form)).toMatchObject({ code: "sudo_required" });
    expect(new Set(await stored())).toEqual(new Set(["card_and_code"]));

    await db.session.update({ where: { id: session.id }, data: { verifiedAt: new Date() } });
    expect(await saveScheduleAction(form)).toMatchObject({ ok: true });
    expect(new Set(await stored())).toEqual(new Set(["card_only"]));
  });
});
