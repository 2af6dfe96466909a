import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import type { Project, ProjectMember } from "@/lib/db/generated/client";
import type { FactorType, ProjectRole } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { requireSession, type ActiveSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { currentRequestContext } from "@/lib/http/context";
import { PATH_HEADER } from "@/lib/http/path-header";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { hasProjectRole, projectVerdict, type AccessVerdict } from "@/lib/policy/project";

export type ProjectAccess = {
  session: ActiveSession;
  project: Project;
  member: ProjectMember;
  role: ProjectRole;
  factorTypes: FactorType[];
  verdict: AccessVerdict;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one query of every project-scoped request: the signed-in person's membership, the
 * project's policy and the person's active method types, joined; then the policy's verdict for
 * this session (lib/policy/project.ts). Null when the person is not a member, or the id names
 * nothing: a stranger learns nothing, not even that the project exists. Cached per request.
 */
export const loadProjectAccess = cache(async (projectId: string): Promise<ProjectAccess | null> => readProjectAccess(await requireSession(), projectId));

/** loadProjectAccess for a session already read (scripts/bench/project-access.ts measures this part). */
export async function readProjectAccess(session: ActiveSession, projectId: string, now = new Date()): Promise<ProjectAccess | null> {
  if (typeof projectId !== "string" || !UUID.test(projectId)) return null;
  const row = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId: session.userId } },
    include: { project: true, user: { select: { factors: { where: { status: "active" }, select: { type: true } } } } },
    relationLoadStrategy: "join",
  });
  if (!row) return null;
  const { project, user, ...member } = row;
  const factorTypes = user.factors.map((factor) => factor.type);
  const verdict = projectVerdict(
    project,
    { level: session.user.twoFactorLevel, factorTypes, exemptUntil: member.exemptUntil },
    session,
    now,
  );
  return { session, project, member, role: member.role, factorTypes, verdict };
}

/**
 * Enforcement for actions and API routes (the guarded path calls it for every project-scoped
 * request, lib/actions/define-action.ts): a typed refusal unless the caller is a member with at
 * least `role` whose access the project's 2FA policy allows now. Blocked accesses are audited.
 */
export async function requireProjectAccess(projectId: string, role: ProjectRole, via: "action" | "api" = "action"): Promise<ProjectAccess> {
  const access = await loadProjectAccess(projectId);
  if (!access) throw new AppError("not_found");
  if (access.verdict.kind !== "allowed") {
    await recordBlocked(access, via);
    throw new AppError(access.verdict.kind === "enrol" ? "project_two_factor_required" : "project_verification_required");
  }
  if (!hasProjectRole(access.role, role)) throw new AppError("forbidden");
  return access;
}

/**
 * Membership (and role) only, without the project's 2FA verdict, for the one action that reveals
 * nothing of the project and must stay open to a blocked member: leaving it (a member held at
 * enrolment who does not want to enrol). A stranger gets the same not_found as from
 * requireProjectAccess. Every other project action uses requireProjectAccess; a test
 * (lib/projects/enforcement-coverage.test.ts) allows this by name only.
 */
export async function requireProjectMembership(projectId: string, role: ProjectRole = "member"): Promise<ProjectAccess> {
  const access = await loadProjectAccess(projectId);
  if (!access) throw new AppError("not_found");
  if (!hasProjectRole(access.role, role)) throw new AppError("forbidden");
  return access;
}

/**
 * Enforcement for pages: a stranger gets the not-found page; a member the policy blocks is taken
 * to enrolment (no method that counts) or to verification (this session has not passed one), and
 * comes back here afterwards; a member below `role` gets the not-found page too.
 */
export async function projectPage(projectId: string, role: ProjectRole = "member"): Promise<ProjectAccess> {
  const access = await loadProjectAccess(projectId);
  if (!access) notFound();
  if (access.verdict.kind !== "allowed") {
    await recordBlocked(access, "page");
    const next = await currentPath(`/projects/${access.project.id}`);
    redirect(`/projects/${access.project.id}/${access.verdict.kind}?next=${encodeURIComponent(next)}`);
  }
  if (!hasProjectRole(access.role, role)) notFound();
  return access;
}

/**
 * For the enrolment and verification pages themselves: membership only (they are how a blocked
 * member gets in), with where to go afterwards.
 */
export async function projectMembership(projectId: string): Promise<ProjectAccess> {
  const access = await loadProjectAccess(projectId);
  if (!access) notFound();
  return access;
}

/** Where a blocked member continues once compliant: a path inside this project, else its overview. */
export function nextInProject(projectId: string, next: unknown): string {
  const home = `/projects/${projectId}`;
  const path = safeRedirectPath(next, home);
  return path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}?`) ? path : home;
}

async function currentPath(fallback: string): Promise<string> {
  return safeRedirectPath((await headers()).get(PATH_HEADER) ?? undefined, fallback);
}

/** "Each enforcement that blocked or enrolled someone" is an audit event. */
async function recordBlocked(access: ProjectAccess, via: "page" | "action" | "api") {
  const context = await currentRequestContext();
  await db.$transaction((tx) =>
    recordAudit(tx, {
      type: "project.enforcement_blocked",
      outcome: "failure",
      actorId: access.session.userId,
      projectId: access.project.id,
      metadata: { need: access.verdict.kind, via, requiredLevel: access.project.requiredLevel, secureMethodsOnly: access.project.secureMethodsOnly },
      context,
    }),
  );
}
