"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { memberActor } from "@/lib/access/page-access";
import { ACCESS_ROLES } from "@/lib/access/permissions";
import { setAccessRole } from "@/lib/access/roles";
import { message } from "@/lib/i18n/message";
import { projectId } from "@/lib/projects/schemas";

/** The Roles page: owners and admins give a member an access role, or none ("" in the form). */
export const setAccessRoleAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: z.object({
    projectId,
    userId: z.uuid("validation.invalid"),
    role: z.preprocess((value) => (value === "" ? null : value), z.enum(ACCESS_ROLES, "validation.invalid").nullable()),
  }),
  run: async ({ projectId, userId, role }, { project, request }) => {
    const changed = await setAccessRole(memberActor(project!), userId, role, request);
    revalidatePath(`/projects/${projectId}/access`, "layout");
    return { ok: true, message: message(changed ? "access.rolesPage.done.saved" : "access.rolesPage.done.unchanged") };
  },
});
