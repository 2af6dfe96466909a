import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import {
  INVITATION_TTL_MS,
  INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR,
  INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR,
  INVITATIONS_PER_INVITER_PER_HOUR,
  INVITATIONS_PER_PROJECT_PER_HOUR,
} from "@/lib/policy/project";
import { context, createUser, sudoActor } from "@/test/factories";
import { acceptInvitation, findInvitation, inviteMember, listPendingInvitations, revokeInvitation } from "./invitations";
import { createProject } from "./projects";

/** Sends can be made to fail, to see that an invitation nobody received does not stay. */
const sending = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/email", async (original) => {
  const actual = await original<typeof import("@/lib/email")>();
  return {
    ...actual,
    sendEmail: async (...args: Parameters<typeof actual.sendEmail>) => {
      if (sending.fail) throw new Error("The mail server is down");
      return actual.sendEmail(...args);
    },
  };
});

const NOW = new Date("2030-03-04T05:06:07Z");
const MINUTE = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

async function person(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  return { user, actor: await sudoActor(user.id, NOW) };
}

async function team() {
  const owner = await person();
  const project = await createProject(owner.actor, `Project ${owner.user.id.slice(0, 6)}`, context);
  const add = async (role: ProjectRole) => {
    const someone = await person();
    await db.projectMember.create({ data: { projectId: project.id, userId: someone.user.id, role } });
    return someone;
  };
  return { project, projectId: project.id, owner, admin: await add("admin"), member: await add("member") };
}

const newAddress = () => `invitee-${crypto.randomBytes(5).toString("hex")}@example.test`;

/** The newest invitation email to this address, and the token its link carries. */
async function invitationEmail(to: string) {
  const message = await db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const token = message.text.match(/\/invitations\/([\w-]{43})/)?.[1];
  return { ...message, token: token! };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe("inviteMember", () => {
  it("emails a single-use link of which only the SHA-256 is stored, valid 7 days, audited", async () => {
    const { project, projectId, owner } = await team();
    const email = newAddress();
    const invitation = await inviteMember(owner.actor, { projectId, email: email.toUpperCase(), role: "admin" }, "en", context, NOW);
    expect(invitation.expiresAt).toEqual(at(INVITATION_TTL_MS));

    const sent = await invitationEmail(email);
    expect(sent.token).toMatch(/^[\w-]{43}$/);
    expect(sent.subject).toContain(project.name);
    expect(sent.text).toContain(owner.user.name);
    expect(sent.text).toMatch(/does not require two-factor authentication/);
    const row = await db.projectInvitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({ email, role: "admin", invitedById: owner.user.id, tokenHash: crypto.createHash("sha256").update(sent.token).digest("hex") });
    expect(JSON.stringify(row)).not.toContain(sent.token);

    const [event] = await db.auditEvent.findMany({ where: { projectId, type: "project.member_invited" } });
    expect(event).toMatchObject({ actorId: owner.user.id, metadata: { email, role: "admin", invitationId: invitation.id } });
    expect(JSON.stringify({ ...event, txid: undefined })).not.toContain(sent.token);
  });

  it("says what the project requires of two-factor authentication", async () => {
    const { projectId, owner } = await team();
    await db.project.update({ where: { id: projectId }, data: { requiredLevel: "every_login", secureMethodsOnly: true } });
    const email = newAddress();
    await inviteMember(owner.actor, { projectId, email, role: "member" }, "en", context, NOW);
    const sent = await invitationEmail(email);
    expect(sent.text).toMatch(/requires two-factor authentication at every login/);
    expect(sent.text).toMatch(/text messages and voice calls do not/);
  });

  it("writes in the language of the account with that address, else in the inviter's", async () => {
    const { projectId, owner } = await team();
    const japanese = await createUser();
    await db.user.update({ where: { id: japanese.id }, data: { locale: "ja" } });
    await inviteMember(owner.actor, { projectId, email: japanese.email, role: "member" }, "de", context, NOW);
    expect((await invitationEmail(japanese.email)).subject).toMatch(/招待/);

    const stranger = newAddress();
    await inviteMember(owner.actor, { projectId, email: stranger, role: "member" }, "de", context, NOW);
    expect((await invitationEmail(stranger)).subject).toMatch(/eingeladen/);
  });

  it("refuses someone who is already a member", async () => {
    const { projectId, owner, member } = await team();
    await expect(inviteMember(owner.actor, { projectId, email: member.user.email, role: "member" }, "en", context, NOW)).rejects.toMatchObject({ code: "already_member" });
    expect(await db.projectInvitation.count({ where: { projectId } })).toBe(0);
  });

  it("lets admins invite members only; members invite nobody", async () => {
    const { projectId, admin, member } = await team();
    await expect(inviteMember(admin.actor, { projectId, email: newAddress(), role: "admin" }, "en", context, NOW)).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteMember(member.actor, { projectId, email: newAddress(), role: "member" }, "en", context, NOW)).rejects.toMatchObject({ code: "forbidden" });
    await inviteMember(admin.actor, { projectId, email: newAddress(), role: "member" }, "en", context, NOW);
    expect(await db.projectInvitation.count({ where: { projectId } })).toBe(1);
  });

  it("replaces a pending invitation to the same address: the old link stops working", async () => {
    const { projectId, owner } = await team();
    const invitee = await person({ email: newAddress() });
    await inviteMember(owner.actor, { projectId, email: invitee.user.email, role: "member" }, "en", context, NOW);
    const first = (await invitationEmail(invitee.user.email)).token;
    await inviteMember(owner.actor, { projectId, email: invitee.user.email, role: "admin" }, "en", context, at(2 * MINUTE));
    const second = (await invitationEmail(invitee.user.email)).token;
    expect(second).not.toBe(first);
    expect(await listPendingInvitations(projectId, at(3 * MINUTE))).toEqual([expect.objectContaining({ email: invitee.user.email, role: "admin" })]);

    await expect(acceptInvitation(invitee.user.id, first, context, at(3 * MINUTE))).rejects.toMatchObject({ code: "token_invalid" });
    await acceptInvitation(invitee.user.id, second, context, at(3 * MINUTE));
    expect(await db.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId: invitee.user.id } } })).toMatchObject({ role: "admin" });
  });

  it("sends one invitation a minute and a few an hour to an address from one project", async () => {
    const { projectId, owner, admin } = await team();
    const email = newAddress();
    await inviteMember(owner.actor, { projectId, email, role: "member" }, "en", context, NOW);
    // Another inviter of the same project does not get round it.
    await expect(inviteMember(admin.actor, { projectId, email, role: "member" }, "en", context, at(30_000))).rejects.toMatchObject({ code: "invitation_address_throttled" });
    for (let i = 1; i < INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR; i++) {
      await inviteMember(i % 2 ? admin.actor : owner.actor, { projectId, email, role: "member" }, "en", context, at(i * 2 * MINUTE));
    }
    await expect(inviteMember(owner.actor, { projectId, email, role: "member" }, "en", context, at(50 * MINUTE))).rejects.toMatchObject({ code: "invitation_address_throttled" });
    await inviteMember(owner.actor, { projectId, email, role: "member" }, "en", context, at(61 * MINUTE));
    expect(await db.outboxMessage.count({ where: { to: email } })).toBe(INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR + 1);
  });

  it("a stranger's project cannot use up the budget another project has for an address", async () => {
    const stranger = await person();
    const junk = await createProject(stranger.actor, "Junk", context);
    const real = await team();
    const email = newAddress();
    const sent: string[] = [];
    for (let i = 0; i < INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR + 2; i++) {
      sent.push(await codeOf(inviteMember(stranger.actor, { projectId: junk.id, email, role: "member" }, "en", context, at(i * 2 * MINUTE))));
    }
    expect(sent.filter((code) => code === "ok")).toHaveLength(INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR);
    // The real project's invitation goes out, even a few seconds after the stranger's last.
    const last = (INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR + 1) * 2 * MINUTE;
    await inviteMember(real.owner.actor, { projectId: real.projectId, email, role: "member" }, "en", context, at(last + 5_000));
    expect(await db.projectInvitation.count({ where: { projectId: real.projectId, email } })).toBe(1);
  });

  it("one inviter sends a few an hour to an address over all their projects, and at most one a minute", async () => {
    const owner = await person();
    const projects = await Promise.all([1, 2, 3].map((n) => createProject(owner.actor, `Mine ${n}`, context)));
    const email = newAddress();
    await inviteMember(owner.actor, { projectId: projects[0]!.id, email, role: "member" }, "en", context, NOW);
    await expect(inviteMember(owner.actor, { projectId: projects[1]!.id, email, role: "member" }, "en", context, at(30_000))).rejects.toMatchObject({ code: "invitation_address_throttled" });
    const results: string[] = [];
    for (let i = 1; i < INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR + 2; i++) {
      results.push(await codeOf(inviteMember(owner.actor, { projectId: projects[i % 3]!.id, email, role: "member" }, "en", context, at(i * 2 * MINUTE))));
    }
    expect(results.filter((code) => code === "ok")).toHaveLength(INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR - 1);
    expect(results.filter((code) => code !== "ok").every((code) => code === "invitation_address_throttled")).toBe(true);
    expect(await db.outboxMessage.count({ where: { to: email } })).toBe(INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR);
  });

  it("holds the per-address limit when many invitations race", async () => {
    const { projectId, owner } = await team();
    const email = newAddress();
    const results = await Promise.all(Array.from({ length: 20 }, () => codeOf(inviteMember(owner.actor, { projectId, email, role: "member" }, "en", context, NOW))));
    expect(results.filter((result) => result === "ok")).toHaveLength(1);
    expect(results.filter((result) => result !== "ok").every((result) => result === "invitation_address_throttled")).toBe(true);
    expect(await db.projectInvitation.count({ where: { projectId } })).toBe(1);
  });

  it("one inviter sends at most a set number an hour over all their projects, also when 60 race", async () => {
    const owner = await person();
    const projects = await Promise.all([1, 2, 3].map((n) => createProject(owner.actor, `Spread ${n}`, context)));
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => codeOf(inviteMember(owner.actor, { projectId: projects[i % 3]!.id, email: newAddress(), role: "member" }, "en", context, at(i * 1000)))),
    );
    expect(results.filter((result) => result === "ok")).toHaveLength(INVITATIONS_PER_INVITER_PER_HOUR);
    expect(results.filter((result) => result !== "ok").every((result) => result === "inviter_invitations_throttled")).toBe(true);
    expect(await db.projectInvitation.count({ where: { invitedById: owner.user.id } })).toBe(INVITATIONS_PER_INVITER_PER_HOUR);
    // A new project buys no more; an hour later the budget is back.
    const fourth = await createProject(owner.actor, "Spread 4", context);
    await expect(inviteMember(owner.actor, { projectId: fourth.id, email: newAddress(), role: "member" }, "en", context, at(59 * MINUTE))).rejects.toMatchObject({
      code: "inviter_invitations_throttled",
    });
    await inviteMember(owner.actor, { projectId: fourth.id, email: newAddress(), role: "member" }, "en", context, at(61 * MINUTE));
  }, 120_000);

  it("sends at most a set number an hour from one project", async () => {
    const { projectId, owner } = await team();
    for (let i = 0; i < INVITATIONS_PER_PROJECT_PER_HOUR; i++) {
      await inviteMember(owner.actor, { projectId, email: newAddress(), role: "member" }, "en", context, at(i * 1000));
    }
    await expect(inviteMember(owner.actor, { projectId, email: newAddress(), role: "member" }, "en", context, at(59 * MINUTE))).rejects.toMatchObject({
      code: "project_invitations_throttled",
    });
    await inviteMember(owner.actor, { projectId, email: newAddress(), role: "member" }, "en", context, at(61 * MINUTE));
  });

  it("withdraws an invitation whose email could not be sent, and says so", async () => {
    const { projectId, owner } = await team();
    sending.fail = true;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(inviteMember(owner.actor, { projectId, email: newAddress(), role: "member" }, "en", context, NOW)).rejects.toMatchObject({ code: "invitation_send_failed" });
    } finally {
      sending.fail = false;
      logged.mockRestore();
    }
    expect(await listPendingInvitations(projectId, NOW)).toEqual([]);
    const [event] = await db.auditEvent.findMany({ where: { projectId, type: "project.invitation_revoked" } });
    expect(event).toMatchObject({ outcome: "failure", metadata: { reason: "send_failed" } });
  });
});

describe("revokeInvitation", () => {
  it("stops the link at once, audited; revoking again finds nothing", async () => {
    const { projectId, owner, admin } = await team();
    const invitee = await person({ email: newAddress() });
    const invitation = await inviteMember(owner.actor, { projectId, email: invitee.user.email, role: "admin" }, "en", context, NOW);
    const { token } = await invitationEmail(invitee.user.email);

    await revokeInvitation(admin.actor, projectId, invitation.id, context, at(MINUTE));
    await expect(findInvitation(token, at(MINUTE))).rejects.toMatchObject({ code: "token_invalid" });
    await expect(acceptInvitation(invitee.user.id, token, context, at(MINUTE))).rejects.toMatchObject({ code: "token_invalid" });
    const [event] = await db.auditEvent.findMany({ where: { projectId, type: "project.invitation_revoked" } });
    expect(event).toMatchObject({ actorId: admin.user.id, metadata: { invitationId: invitation.id, email: invitee.user.email } });

    await expect(revokeInvitation(owner.actor, projectId, invitation.id, context, at(MINUTE))).rejects.toMatchObject({ code: "not_found" });
  });

  it("only within its project, and not by members", async () => {
    const { projectId, owner, member } = await team();
    const other = await team();
    const invitation = await inviteMember(owner.actor, { projectId, email: newAddress(), role: "member" }, "en", context, NOW);
    await expect(revokeInvitation(other.owner.actor, other.projectId, invitation.id, context, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeInvitation(member.actor, projectId, invitation.id, context, NOW)).rejects.toMatchObject({ code: "forbidden" });
    expect(await listPendingInvitations(projectId, NOW)).toHaveLength(1);
  });
});

describe("acceptInvitation", () => {
  async function invited(role: "admin" | "member" = "member", overrides: Parameters<typeof createUser>[0] = {}) {
    const setup = await team();
    const invitee = await person({ email: newAddress(), ...overrides });
    await inviteMember(setup.owner.actor, { projectId: setup.projectId, email: invitee.user.email, role }, "en", context, NOW);
    return { ...setup, invitee, token: (await invitationEmail(invitee.user.email)).token };
  }

  it("adds the invited account with the invited role, audited, and uses the link up", async () => {
    const { projectId, owner, invitee, token } = await invited("admin");
    expect(await findInvitation(token, at(MINUTE))).toMatchObject({ projectId, email: invitee.user.email, role: "admin", inviterName: owner.user.name });
    expect(await acceptInvitation(invitee.user.id, token, context, at(MINUTE))).toEqual({ projectId });
    expect(await db.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId: invitee.user.id } } })).toMatchObject({ role: "admin" });
    const [event] = await db.auditEvent.findMany({ where: { projectId, type: "project.member_joined" } });
    expect(event).toMatchObject({ actorId: invitee.user.id, subjectId: invitee.user.id, metadata: { role: "admin", invitedById: owner.user.id } });

    await expect(acceptInvitation(invitee.user.id, token, context, at(2 * MINUTE))).rejects.toMatchObject({ code: "token_invalid" });
    await expect(findInvitation(token, at(2 * MINUTE))).rejects.toMatchObject({ code: "token_invalid" });
  });

  it("needs the invited address (compared without case) on the signed-in account", async () => {
    const setup = await team();
    const invitee = await person({ email: newAddress() });
    await inviteMember(setup.owner.actor, { projectId: setup.projectId, email: invitee.user.email.toUpperCase(), role: "member" }, "en", context, NOW);
    const { token } = await invitationEmail(invitee.user.email);
    const someoneElse = await person();
    await expect(acceptInvitation(someoneElse.user.id, token, context, NOW)).rejects.toMatchObject({ code: "invitation_other_account" });
    await acceptInvitation(invitee.user.id, token, context, NOW);
  });

  it("needs a verified address", async () => {
    const { projectId, invitee, token } = await invited("member", { emailVerified: false });
    await expect(acceptInvitation(invitee.user.id, token, context, NOW)).rejects.toMatchObject({ code: "email_not_verified" });
    expect(await db.projectMember.count({ where: { projectId, userId: invitee.user.id } })).toBe(0);
    expect((await listPendingInvitations(projectId, NOW)).length).toBe(1);
  });

  it("ends after 7 days", async () => {
    const { invitee, token } = await invited();
    await expect(findInvitation(token, at(INVITATION_TTL_MS))).rejects.toMatchObject({ code: "token_expired" });
    await expect(acceptInvitation(invitee.user.id, token, context, at(INVITATION_TTL_MS))).rejects.toMatchObject({ code: "token_expired" });
    await acceptInvitation(invitee.user.id, token, context, at(INVITATION_TTL_MS - 1));
  });

  it("refuses tokens that are malformed or unknown", async () => {
    const { invitee } = await invited();
    for (const token of ["", "x", "a".repeat(43), "../../etc/passwd"]) {
      await expect(acceptInvitation(invitee.user.id, token, context, NOW)).rejects.toMatchObject({ code: "token_invalid" });
      await expect(findInvitation(token, NOW)).rejects.toMatchObject({ code: "token_invalid" });
    }
  });

  it("20 accepts at once: exactly one membership and one event", async () => {
    const { projectId, invitee, token } = await invited();
    const results = await Promise.all(Array.from({ length: 20 }, () => codeOf(acceptInvitation(invitee.user.id, token, context, NOW))));
    expect(results.filter((result) => result === "ok")).toHaveLength(1);
    expect(results.filter((result) => result !== "ok").every((result) => result === "token_invalid")).toBe(true);
    expect(await db.projectMember.count({ where: { projectId, userId: invitee.user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { projectId, type: "project.member_joined" } })).toBe(1);
  });
});
