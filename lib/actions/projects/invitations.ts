"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { message } from "@/lib/i18n/message";
import { requestLocale } from "@/lib/i18n/locale";
import { inviteMember, revokeInvitation } from "@/lib/projects/invitations";
import { inviteMemberInput, revokeInvitationInput } from "@/lib/projects/member-schemas";

/** Invite member: owners (as Admin or Member) and admins (as Member); the email leaves in the invitee's language, else the inviter's. */
export const inviteMemberAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: inviteMemberInput,
  run: async ({ projectId, email, role }, { session, request }) => {
    await inviteMember({ userId: session.userId, sessionId: session.id }, { projectId, email, role }, await requestLocale(), request);
    revalidatePath(`/projects/${projectId}/members`);
    return { ok: true, message: message("projectMembers.done.invited", { email }) };
  },
});

/** Revoke: owners and admins; the link stops working at once. */
export const revokeInvitationAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: revokeInvitationInput,
  run: async ({ projectId, invitationId }, { session, request }) => {
    await revokeInvitation({ userId: session.userId, sessionId: session.id }, projectId, invitationId, request);
    revalidatePath(`/projects/${projectId}/members`);
    return { ok: true, message: message("projectMembers.done.revoked") };
  },
});
