"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { memberActor } from "@/lib/access/page-access";
import { accessUserInput, accessUserPatch, ACCESS_USER_STATUSES } from "@/lib/access/schemas";
import { createAccessUser, deleteAccessUser, updateAccessUser } from "@/lib/access/users";
import { message } from "@/lib/i18n/message";
import { projectId } from "@/lib/projects/schemas";

/**
 * The access users pages' changes. The guarded path checks membership and the project's 2FA
 * policy; the domain functions check the access role (users.manage) themselves.
 */

const accessUserId = z.uuid("validation.invalid");
const refresh = (id: string) => revalidatePath(`/projects/${id}/access`, "layout");

/** **Add user**: on success, the new person's page (to add a card and codes next). */
export const createAccessUserAction = defineAction({
  access: "signed_in",
  project: "member",
  input: accessUserInput.extend({ projectId }),
  run: async ({ projectId, ...input }, { project, request }) => {
    const created = await createAccessUser(memberActor(project!), input, request);
    refresh(projectId);
    redirect(`/projects/${projectId}/access/users/${created.id}`);
  },
});

/** Edit: name, email, external id and the member link (an empty choice unlinks). */
export const updateAccessUserAction = defineAction({
  access: "signed_in",
  project: "member",
  input: accessUserPatch.omit({ status: true }).extend({ projectId, accessUserId }),
  run: async ({ projectId, accessUserId, ...patch }, { project, request }) => {
    await updateAccessUser(memberActor(project!), accessUserId, patch, request);
    refresh(projectId);
    return { ok: true, message: message("access.user.done.saved") };
  },
});

/** **Suspend** or **Reactivate**. */
export const setAccessUserStatusAction = defineAction({
  access: "signed_in",
  project: "member",
  input: z.object({ projectId, accessUserId, status: z.enum(ACCESS_USER_STATUSES, "validation.invalid") }),
  run: async ({ projectId, accessUserId, status }, { project, request }) => {
    await updateAccessUser(memberActor(project!), accessUserId, { status }, request);
    refresh(projectId);
    return { ok: true, message: message(status === "suspended" ? "access.user.done.suspended" : "access.user.done.reactivated") };
  },
});

/** **Unlink** the member (offered when they left the project, before codes can be reinstated). */
export const unlinkAccessUserAction = defineAction({
  access: "signed_in",
  project: "member",
  input: z.object({ projectId, accessUserId }),
  run: async ({ projectId, accessUserId }, { project, request }) => {
    await updateAccessUser(memberActor(project!), accessUserId, { memberUserId: null }, request);
    refresh(projectId);
    return { ok: true, message: message("access.user.done.unlinked") };
  },
});

/** Delete, after the page's confirmation; back to the list. */
export const deleteAccessUserAction = defineAction({
  access: "signed_in",
  project: "member",
  input: z.object({ projectId, accessUserId }),
  run: async ({ projectId, accessUserId }, { project, request }) => {
    await deleteAccessUser(memberActor(project!), accessUserId, request);
    refresh(projectId);
    redirect(`/projects/${projectId}/access?deleted=1`);
  },
});
