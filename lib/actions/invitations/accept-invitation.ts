"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { acceptInvitation } from "@/lib/projects/invitations";
import { acceptInvitationInput } from "@/lib/projects/member-schemas";

/**
 * Accept an invitation: the signed-in person whose verified address it was sent to. Not a
 * project-scoped action (the caller is not a member yet; the link is the authority), so it
 * lives outside lib/actions/projects. It leads into the project, where the project's 2FA
 * enforcement applies at once (enrolment first if required).
 */
export const acceptInvitationAction = defineAction({
  access: "signed_in",
  input: acceptInvitationInput,
  run: async ({ token }, { session, request }) => {
    const { projectId } = await acceptInvitation(session.userId, token, request);
    revalidatePath("/", "layout");
    redirect(`/projects/${projectId}`);
  },
});
