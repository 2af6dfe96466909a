import { db, type Tx } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { afterResponse } from "@/lib/http/after-response";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, type Actor, type TwoFactorLevel } from "@/lib/policy";
import { hasProjectRole, tightens, type GraceScope, type ProjectPolicy } from "@/lib/policy/project";
import { policyEmails, sendPolicyEmails } from "./policy-emails";
import { loadMemberRows, previewOf, type PolicyPreview } from "./policy-preview";
import { lockProject, requireRoleUnderLock } from "./projects";

export { requireRoleUnderLock };

/**
 * Changing a project's required 2FA (Twilio's levels, GitHub's secure methods only, GitLab's
 * grace period), owners and admins, in sudo mode (rule 6). A change that can only block more
 * people is first answered with a preview of whom it hits (Entra's "see the impact first") and
 * made only when the person confirms it; the server works the preview out again then, from the
 * rows as they are under the project's lock, and never from what the browser sends back.
 */

export type PolicyValues = { requiredLevel: TwoFactorLevel; secureMethodsOnly: boolean; graceDays: number };

export type PolicyChange = PolicyValues & {
  /** The values the form showed: a change made meanwhile by someone else is never overwritten silently. */
  expected: PolicyValues;
  /** The second submit, after the preview. */
  confirm: boolean;
  /** Whom the preview the person confirmed showed as blocked at once (user ids). */
  shownBlocked: readonly string[];
};

export type PolicyChangeResult =
  | { kind: "unchanged" }
  | { kind: "preview"; preview: PolicyPreview; /** The people hit changed since the preview the person confirmed. */ changed: boolean }
  | { kind: "changed"; preview: PolicyPreview };

const DAY_MS = 86_400_000;

const sameValues = (a: PolicyValues, b: PolicyValues) =>
  a.requiredLevel === b.requiredLevel && a.secureMethodsOnly === b.secureMethodsOnly && a.graceDays === b.graceDays;

export type Grace = { graceEndsAt: Date | null; graceScope: GraceScope };
const NO_GRACE: Grace = { graceEndsAt: null, graceScope: "everyone" };

/**
 * When the grace period ends after a change from `from` (the stored policy) to `to`, and whom it
 * covers (lib/policy/project.ts graceCovers):
 * - nothing required: no grace;
 * - a requirement starts, or the methods that count shrink (secure methods only turned on): the
 *   people this newly leaves without a method that counts get `to.graceDays` from now (0: none).
 *   Only they: when secure methods only comes on after the requirement's own grace is over, the
 *   new grace covers the members whose methods were all phones ("phone_only"), never those with
 *   none, who were held at enrolment already; while an earlier grace still runs, whom it covered
 *   stays covered (its scope is kept);
 * - anything else (the level moves between the two that require, a longer or shorter grace
 *   period, secure methods only turned off) keeps the grace already running, moved by the
 *   difference in days (GitLab counts the grace period from when the requirement began), and
 *   ends it if that puts its end in the past; a grace already over stays over. A change that
 *   only raises "Once per computer" to "Every login" must not give members already held at
 *   enrolment a new grace period, and one that loosens must not take a running one away.
 */
export function graceAfter(from: PolicyValues & Grace, to: PolicyValues, now: Date): Grace {
  if (to.requiredLevel === "disabled") return NO_GRACE;
  const starts = from.requiredLevel === "disabled";
  const running = !!from.graceEndsAt && from.graceEndsAt.getTime() > now.getTime();
  if (starts || (to.secureMethodsOnly && !from.secureMethodsOnly)) {
    if (to.graceDays === 0) return NO_GRACE;
    const graceScope = starts ? "everyone" : running ? from.graceScope : "phone_only";
    return { graceEndsAt: new Date(now.getTime() + to.graceDays * DAY_MS), graceScope };
  }
  if (!running) return { graceEndsAt: from.graceEndsAt, graceScope: from.graceScope };
  const moved = new Date(from.graceEndsAt!.getTime() + (to.graceDays - from.graceDays) * DAY_MS);
  return moved.getTime() > now.getTime() ? { graceEndsAt: moved, graceScope: from.graceScope } : NO_GRACE;
}

/**
 * Changes the policy, or answers with whom a tightening change would hit (`preview`) until the
 * person confirms it. Under the project's lock: the values the form showed must still be the
 * stored ones (else "project_policy_stale"), and a confirmation stands only while nobody is
 * blocked at once whom the confirmed preview did not show (else a fresh preview, `changed`).
 * Writes `project.policy_changed` with the old and new values in the same transaction; the
 * members the change newly concerns are emailed once it is committed.
 */
export async function changeProjectPolicy(actor: Actor, projectId: string, change: PolicyChange, context: RequestContext, now = new Date()): Promise<PolicyChangeResult> {
  await requireSudo(actor, now);
  const to: PolicyValues = { requiredLevel: change.requiredLevel, secureMethodsOnly: change.secureMethodsOnly, graceDays: change.graceDays };
  const outcome = await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await requireRoleUnderLock(tx, projectId, actor.userId, "admin");
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId } });
    const from: PolicyValues = { requiredLevel: project.requiredLevel, secureMethodsOnly: project.secureMethodsOnly, graceDays: project.graceDays };
    if (!sameValues(from, change.expected)) throw new AppError("project_policy_stale");
    if (sameValues(from, to)) return { result: { kind: "unchanged" } as const };

    const grace: Grace = { graceEndsAt: project.graceEndsAt, graceScope: project.graceScope };
    const before: ProjectPolicy = { ...from, ...grace };
    const { graceEndsAt, graceScope } = graceAfter({ ...from, ...grace }, to, now);
    const after: ProjectPolicy = { ...to, graceEndsAt, graceScope };
    const members = await loadMemberRows(tx, projectId);
    const preview = previewOf(after, members, now, actor.userId);
    if (tightens({ ...before, graceDays: from.graceDays }, { ...after, graceDays: to.graceDays })) {
      const shown = new Set(change.shownBlocked);
      const unseen = preview.blocked.some((person) => !shown.has(person.userId));
      if (!change.confirm || unseen) return { result: { kind: "preview", preview, changed: change.confirm && unseen } as const };
    }

    const graceMoved = graceEndsAt?.getTime() !== project.graceEndsAt?.getTime();
    await tx.project.update({
      where: { id: projectId },
      data: { ...to, graceEndsAt, graceScope, policyChangedAt: now, ...(graceMoved ? { graceLastDayNotifiedAt: null } : {}) },
    });
    await recordAudit(tx, {
      type: "project.policy_changed",
      actorId: actor.userId,
      projectId,
      metadata: {
        from: { ...from, graceEndsAt: project.graceEndsAt?.toISOString() ?? null, graceScope: project.graceScope },
        to: { ...to, graceEndsAt: graceEndsAt?.toISOString() ?? null, graceScope },
        blocked: preview.blocked.length,
        grace: preview.grace.length,
      },
      context,
    });
    const emails = policyEmails(before, after, members, project, now);
    const inGrace = emails.filter((email) => email.status === "grace").length;
    if (inGrace > 0) {
      // The first of the grace period's two emails (the last day's: lib/projects/grace.ts).
      await recordAudit(tx, { type: "project.grace_notified", actorId: actor.userId, projectId, metadata: { day: "first", recipients: inGrace, graceEndsAt: graceEndsAt!.toISOString() }, context });
    }
    return { result: { kind: "changed", preview } as const, emails };
  });
  if (outcome.emails?.length) {
    const emails = outcome.emails;
    await afterResponse(() => sendPolicyEmails(emails));
  }
  return outcome.result;
}

