import { projectFormPage } from "@/lib/projects/schemas";
import { z } from "zod";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { lockProject } from "@/lib/projects/projects";
import { projectId } from "@/lib/projects/schemas";

/**
 * Development only, for browser tests of the project settings: puts an existing account into the
 * project as a member, as an accepted invitation would (the invitations are the real way; this
 * lets the settings journey run without them). It grants access, so unlike /dev/sudo it goes
 * through the guarded path like any form: an owner or admin of the project, past its 2FA
 * policy, same-origin; outside development it does nothing and answers not found.
 */
export const POST = defineFormRoute({
  access: "signed_in",
  project: "admin",
  input: z.object({ projectId, email: z.email("validation.emailInvalid") }),
  formPage: (form) => projectFormPage(form, "/members"),
  run: async ({ projectId, email }, { session, request }) => {
    if (!isDevelopment()) throw new AppError("not_found");
    const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
    if (!user) throw new AppError("not_found");
    await db.$transaction(async (tx) => {
      await lockProject(tx, projectId);
      if (await tx.projectMember.count({ where: { projectId, userId: user.id } })) throw new AppError("already_member");
      await tx.projectMember.create({ data: { projectId, userId: user.id, role: "member" } });
      await recordAudit(tx, { type: "project.member_joined", actorId: session.userId, subjectId: user.id, projectId, metadata: { role: "member", via: "dev" }, context: request });
    });
    return { ok: true };
  },
});
