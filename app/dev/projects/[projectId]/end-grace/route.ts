import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requireProjectAccess } from "@/lib/projects/access";

type Params = { params: Promise<{ projectId: string }> };

/**
 * Development only: ends the project's running grace period now, so a person trying the app (or
 * a browser test) sees enforcement start when the grace period ends without waiting for it. It
 * only ever takes time away: a grace period already over, or none, stays as it is. An owner or
 * admin of the project, through the same enforcement as every project request. Production
 * answers 404, like /dev/sudo.
 */
export async function POST(_request: Request, { params }: Params) {
  if (!isDevelopment()) return new Response(null, { status: 404 });
  const { projectId } = await params;
  try {
    await requireProjectAccess(projectId, "admin");
  } catch (error) {
    if (error instanceof AppError) return new Response(null, { status: error.code === "not_found" ? 404 : 403 });
    throw error;
  }
  const now = new Date();
  const ended = await db.project.updateMany({ where: { id: projectId, graceEndsAt: { gt: now } }, data: { graceEndsAt: now } });
  return new Response(null, { status: ended.count === 1 ? 204 : 409 });
}
