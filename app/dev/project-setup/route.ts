import { projectFormPage } from "@/lib/projects/schemas";
import { z } from "zod";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { recordAudit } from "@/lib/audit/record";
import { normalizeEmail } from "@/lib/auth/email";
import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { TWO_FACTOR_LEVELS } from "@/lib/policy/levels";
import { PROJECT_ROLES } from "@/lib/policy/project";
import { lockProject } from "@/lib/projects/projects";
import { projectId } from "@/lib/projects/schemas";

/**
 * Development only, for browser tests (e2e/project-compliance.spec.ts): the owner of a project
 * puts a signed-up person in it without an invitation, and sets its required level without the
 * settings page's re-authentication and preview, so a journey can arrange a project in one
 * request instead of walking through other features' pages. Through the guarded path (the
 * caller must be the project's owner, whom the project's own policy admits); audited like the
 * real changes; production answers not_found.
 */
export const POST = defineFormRoute({
  access: "signed_in",
  project: "owner",
  input: z.object({
    projectId,
    email: z.string().max(320).optional(),
    role: z.enum(PROJECT_ROLES).default("member"),
    requiredLevel: z.enum(TWO_FACTOR_LEVELS).optional(),
    secureMethodsOnly: z.enum(["true", "false"]).optional(),
  }),
  formPage: (form) => projectFormPage(form),
  run: async (input, { session, request }) => {
    if (!isDevelopment()) throw new AppError("not_found");
    await db.$transaction(async (tx) => {
      await lockProject(tx, input.projectId);
      const audit = { actorId: session.userId, projectId: input.projectId, context: request };
      if (input.email) {
        const user = await tx.user.findUnique({ where: { email: normalizeEmail(input.email) }, select: { id: true } });
        if (!user) throw new AppError("not_found");
        await tx.projectMember.create({ data: { projectId: input.projectId, userId: user.id, role: input.role } });
        await recordAudit(tx, { ...audit, type: "project.member_joined", subjectId: user.id, metadata: { role: input.role, via: "dev" } });
      }
      if (input.requiredLevel) {
        const secureMethodsOnly = input.secureMethodsOnly === "true";
        await tx.project.update({ where: { id: input.projectId }, data: { requiredLevel: input.requiredLevel, secureMethodsOnly, graceDays: 0, graceEndsAt: null, graceScope: "everyone", policyChangedAt: new Date() } });
        await recordAudit(tx, { ...audit, type: "project.policy_changed", metadata: { requiredLevel: input.requiredLevel, secureMethodsOnly, via: "dev" } });
      }
    });
    return { ok: true };
  },
});
