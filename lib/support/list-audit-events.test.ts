import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/db/generated/enums";
import { context, createUser, enrolTotp, sudoActor } from "@/test/factories";
import { startTotpEnrolment } from "@/lib/mfa/totp-enrolment";
import { setEmailLoginVerification } from "@/lib/mfa/email-login-setting";
import { listAuditEvents } from "./list-audit-events";
import { supportAccess } from "./support-access";

async function staff(role: Role) {
  const user = await createUser();
  return db.user.update({ where: { id: user.id }, data: { role } });
}

const rejectsWith = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ name: "AppError", code });

describe("the support console needs a second factor", { timeout: 60_000 }, () => {
  it.each(["support", "support_admin"] as const)("%s without an authenticator is refused with support_two_factor_required", async (role) => {
    const viewer = await staff(role);
    expect(await supportAccess(viewer.id)).toBe("needs_second_factor");
    await rejectsWith(listAuditEvents(viewer.id, {}), "support_two_factor_required");
  });

  it("an unconfirmed authenticator or email login verification is not enough", async () => {
    const viewer = await staff("support");
    await startTotpEnrolment(await sudoActor(viewer.id));
    await setEmailLoginVerification(await sudoActor(viewer.id), true, context);
    await rejectsWith(listAuditEvents(viewer.id, {}), "support_two_factor_required");
  });

  it.each(["support", "support_admin"] as const)("%s with an active authenticator reads the platform's events", async (role) => {
    const viewer = await staff(role);
    await enrolTotp(viewer.id);
    const someone = await createUser();
    await db.$transaction((tx) => recordAudit(tx, { type: "auth.sign_in", actorId: someone.id, context }));

    expect(await supportAccess(viewer.id)).toBe("granted");
    const events = await listAuditEvents(viewer.id, { email: someone.email });
    expect(events.map((event) => event.type)).toEqual(["auth.sign_in"]);
  });

  it("a member is forbidden, with or without an authenticator", async () => {
    const member = await createUser();
    await rejectsWith(listAuditEvents(member.id, {}), "forbidden");
    await enrolTotp(member.id);
    await rejectsWith(listAuditEvents(member.id, {}), "forbidden");
  });
});
