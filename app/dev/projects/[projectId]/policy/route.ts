import { z } from "zod";
import { db } from "@/lib/db";
import { getSession } from "@/lib/auth/session";
import { isDevelopment } from "@/lib/env";
import { GRACE_DAYS_MAX } from "@/lib/policy/project";
import { TWO_FACTOR_LEVELS } from "@/lib/policy/levels";
import { lockProject } from "@/lib/projects/projects";

const body = z.object({
  requiredLevel: z.enum(TWO_FACTOR_LEVELS),
  secureMethodsOnly: z.boolean().default(false),
  /** Grace from now, in days (0: none). */
  graceDays: z.number().int().min(0).max(GRACE_DAYS_MAX).default(0),
});

/**
 * Development only: sets a project's 2FA policy at once, for the signed-in owner, so a browser
 * test of enforcement (e2e/project-enforcement.spec.ts) can put a project under a policy without
 * the settings page's preview and confirmation, which its own tests cover. Writes under the
 * project lock like every policy change; no audit event and no emails (nothing real changed
 * hands). Production answers 404, like /dev/outbox.
 */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  if (!isDevelopment()) return new Response(null, { status: 404 });
  const session = await getSession();
  if (!session) return new Response(null, { status: 401 });
  const { projectId } = await params;
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success || !z.uuid().safeParse(projectId).success) return new Response(null, { status: 400 });
  const owner = await db.projectMember.findFirst({ where: { projectId, userId: session.userId, role: "owner" }, select: { userId: true } });
  if (!owner) return new Response(null, { status: 404 });
  const { requiredLevel, secureMethodsOnly, graceDays } = parsed.data;
  const now = new Date();
  await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await tx.project.update({
      where: { id: projectId },
      data: { requiredLevel, secureMethodsOnly, graceDays, graceEndsAt: graceDays > 0 ? new Date(now.getTime() + graceDays * 86_400_000) : null, policyChangedAt: now },
    });
  });
  return new Response(null, { status: 204 });
}
