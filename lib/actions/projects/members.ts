"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { message } from "@/lib/i18n/message";
import { changeMemberRoleInput, leaveProjectInput, removeMemberInput, transferOwnershipInput } from "@/lib/projects/member-schemas";
import { changeMemberRole, leaveProject, removeMember, transferOwnership } from "@/lib/projects/members";

/**
 * The members page's changes (rules in lib/projects/members.ts). The guarded path checks the
 * role before anything; the domain functions check it again under the project's lock.
 */

/** Owners change roles; making someone an owner needs sudo mode, like a transfer. */
export const changeMemberRoleAction = defineAction({
  access: "signed_in",
  project: "owner",
  sudo: (input) => input.role === "owner",
  input: changeMemberRoleInput,
  run: async ({ projectId, userId, role }, { session, request }) => {
    await changeMemberRole({ userId: session.userId, sessionId: session.id }, projectId, userId, role, request);
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: message("projectMembers.done.roleChanged") };
  },
});

/** Owners and admins remove; admins never remove an owner. */
export const removeMemberAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: removeMemberInput,
  run: async ({ projectId, userId }, { session, request }) => {
    await removeMember({ userId: session.userId, sessionId: session.id }, projectId, userId, request);
    if (userId === session.userId) leftProject();
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: message("projectMembers.done.removed") };
  },
});

/**
 * Anyone leaves, except the last owner. Membership only, not the project's 2FA policy: leaving
 * shows nothing of the project, and a member held at enrolment who does not want to enrol must
 * be able to go (the enrolment page offers it).
 */
export const leaveProjectAction = defineAction({
  access: "signed_in",
  project: "member",
  projectAccess: "membership",
  input: leaveProjectInput,
  run: async ({ projectId }, { session, request }) => {
    await leaveProject({ userId: session.userId, sessionId: session.id }, projectId, request);
    leftProject();
  },
});

/** An owner hands over the project, in sudo mode; they stay on as an admin. */
export const transferOwnershipAction = defineAction({
  access: "signed_in",
  project: "owner",
  sudo: true,
  input: transferOwnershipInput,
  run: async ({ projectId, userId }, { session, request }) => {
    await transferOwnership({ userId: session.userId, sessionId: session.id }, projectId, userId, request);
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: message("projectMembers.done.transferred") };
  },
});

function leftProject(): never {
  revalidatePath("/", "layout");
  redirect("/projects");
}
