import crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { actionSpecOf } from "@/lib/actions/define-action";
import { createProject } from "@/lib/projects/projects";
import { context, createUser, enrolTotp } from "@/test/factories";
import { resetFakeRequest, signInAs } from "@/test/request-session";
import { sendReminderAction, sendRemindersAction } from "./compliance";

vi.mock("next/headers", () => import("@/test/request-session").then((module) => module.nextHeaders()));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((module) => module.sessionModule()));
// Outside a request there is no page to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

beforeEach(resetFakeRequest);

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

async function project() {
  const owner = await createUser();
  await enrolTotp(owner.id);
  const created = await createProject({ userId: owner.id, sessionId: "none" }, `Ceres ${crypto.randomBytes(3).toString("hex")}`, context);
  await db.project.update({ where: { id: created.id }, data: { requiredLevel: "once_per_computer" } });
  const add = async (role: "admin" | "member", withApp: boolean) => {
    const user = await createUser();
    if (withApp) await enrolTotp(user.id);
    await db.projectMember.create({ data: { projectId: created.id, userId: user.id, role } });
    return user;
  };
  return { owner, projectId: created.id, add };
}

describe("the compliance actions", { timeout: 120_000 }, () => {
  it("are for owners and admins (the guarded path's project check)", () => {
    expect(actionSpecOf(sendReminderAction)).toMatchObject({ access: "signed_in", project: "admin" });
    expect(actionSpecOf(sendRemindersAction)).toMatchObject({ access: "signed_in", project: "admin" });
  });

  it("send a reminder from an admin, refuse a second the same day, and refuse a member before reading the form", async () => {
    const { projectId, add } = await project();
    const admin = await add("admin", true);
    const member = await add("member", true);
    const late = await add("member", false);

    await signInAs(admin.id, { factor: true });
    expect(await sendReminderAction({}, form({ projectId, userId: late.id }))).toMatchObject({ ok: true, message: { key: "projectCompliance.done.sent", values: { name: late.name } } });
    expect(await sendReminderAction({}, form({ projectId, userId: late.id }))).toMatchObject({ code: "reminder_throttled", message: { key: "errors.reminder_throttled" } });
    expect(await sendReminderAction({}, form({ projectId, userId: "nope" }))).toMatchObject({ code: "invalid_input" });

    await signInAs(member.id, { factor: true });
    expect(await sendReminderAction({}, form({ projectId, userId: "nope" }))).toMatchObject({ code: "forbidden" });
    expect(await sendRemindersAction({}, form({ projectId }))).toMatchObject({ code: "forbidden" });

    await signInAs((await createUser()).id, { factor: true });
    expect(await sendRemindersAction({}, form({ projectId }))).toMatchObject({ code: "not_found" });
    expect(await db.auditEvent.count({ where: { projectId, type: "project.reminder_sent" } })).toBe(1);
  });

  it("send to all not compliant and say how many went", async () => {
    const { owner, projectId, add } = await project();
    await add("member", false);
    await add("member", false);
    await add("member", true);
    await signInAs(owner.id, { factor: true });
    expect(await sendRemindersAction({}, form({ projectId }))).toMatchObject({ ok: true, message: { key: "projectCompliance.done.sentAll", values: { count: 2 } } });
    expect(await sendRemindersAction({}, form({ projectId }))).toMatchObject({ ok: true, message: { values: { count: 0 } } });
  });
});
