import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requireProjectAccess } from "@/lib/projects/access";
import { lockProject } from "@/lib/projects/projects";

type Params = { params: Promise<{ projectId: string }> };

/**
 * Development only, for browser tests of the project settings: puts an existing account into the
 * project as a member, as an accepted invitation would (lib/projects' invitations are the real
 * way; this lets the settings journey run without them). Called by an owner or admin of the
 * project, through the same enforcement as every project request. Production answers 404.
 */
export async function POST(request: Request, { params }: Params) {
  if (!isDevelopment()) return new Response(null, { status: 404 });
  const { projectId } = await params;
  let access: Awaited<ReturnType<typeof requireProjectAccess>>;
  try {
    access = await requireProjectAccess(projectId, "admin");
  } catch (error) {
    if (error instanceof AppError) return new Response(null, { status: error.code === "not_found" ? 404 : 403 });
    throw error;
  }
  const form = await request.formData().catch(() => null);
  const email = String(form?.get("email") ?? "").trim().toLowerCase();
  const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
  if (!user) return new Response(null, { status: 404 });
  await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    const existing = await tx.projectMember.count({ where: { projectId, userId: user.id } });
    if (existing) return;
    await tx.projectMember.create({ data: { projectId, userId: user.id, role: "member" } });
    await recordAudit(tx, { type: "project.member_joined", actorId: access.session.userId, subjectId: user.id, projectId, metadata: { role: "member", via: "dev" } });
  });
  return new Response(null, { status: 204 });
}
