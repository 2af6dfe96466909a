import { projectFormPage } from "@/lib/projects/schemas";
import { z } from "zod";
import { db } from "@/lib/db";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { GRACE_DAYS_MAX } from "@/lib/policy/project";
import { TWO_FACTOR_LEVELS } from "@/lib/policy/levels";
import { lockProject } from "@/lib/projects/projects";

const DAY_MS = 86_400_000;

/**
 * Development only: sets a project's 2FA policy at once, for its owner, so a browser test of
 * enforcement (e2e/project-enforcement.spec.ts) can put a project under a policy without the
 * settings page's preview and confirmation, which have journeys of their own. Through the guarded
 * path like every write (the owner of a project whose policy lets them in now), under the project
 * lock like every policy change; no audit event and no emails, since nothing real changed hands.
 * Outside development it changes nothing and answers not_found.
 */
export const POST = defineFormRoute({
  access: "signed_in",
  project: "owner",
  input: z.object({
    projectId: z.uuid(),
    requiredLevel: z.enum(TWO_FACTOR_LEVELS),
    secureMethodsOnly: z.enum(["true", "false"]).default("false"),
    /** Grace from now, in days (0: none). */
    graceDays: z.coerce.number().int().min(0).max(GRACE_DAYS_MAX).default(0),
  }),
  formPage: (form) => projectFormPage(form),
  run: async ({ projectId, requiredLevel, secureMethodsOnly, graceDays }) => {
    if (!isDevelopment()) throw new AppError("not_found");
    const now = new Date();
    await db.$transaction(async (tx) => {
      await lockProject(tx, projectId);
      await tx.project.update({
        where: { id: projectId },
        data: {
          requiredLevel,
          secureMethodsOnly: secureMethodsOnly === "true",
          graceDays,
          graceEndsAt: graceDays > 0 ? new Date(now.getTime() + graceDays * DAY_MS) : null,
          graceScope: "everyone",
          policyChangedAt: now,
        },
      });
    });
    return { ok: true };
  },
});
