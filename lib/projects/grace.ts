import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { notifyUser } from "@/lib/email/notify";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import type { GraceScope } from "@/lib/policy/project";
import { loadMemberRows, memberCompliance } from "./policy-preview";

/**
 * The grace period's emails (GitLab's grace period, issue item 3): the first goes out with the
 * change that starts it (lib/projects/policy.ts); this sends the last day's, once per project
 * and grace period, to the members who still have no method that counts. Several app instances
 * may run the job at once: each project's send is claimed by one conditional UPDATE first, so
 * only one of them ever sends it.
 */

const DAY_MS = 86_400_000;
/** How often the job looks for grace periods in their last day. */
export const GRACE_JOB_INTERVAL_MS = 10 * 60_000;

type Claimed = { id: string; name: string; requiredLevel: TwoFactorLevel; secureMethodsOnly: boolean; graceEndsAt: Date; graceScope: GraceScope };

/** Sends every last-day email due at `now`; returns how many went out (this call's). */
export async function sendGraceLastDayEmails(now = new Date()): Promise<number> {
  const until = new Date(now.getTime() + DAY_MS);
  const due = await db.project.findMany({
    where: { requiredLevel: { not: "disabled" }, graceLastDayNotifiedAt: null, graceEndsAt: { gt: now, lte: until } },
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) sent += await notifyLastDay(id, now, until);
  return sent;
}

async function notifyLastDay(projectId: string, now: Date, until: Date): Promise<number> {
  const claim = await db.$transaction(async (tx) => {
    // The claim takes the project's row lock, as every change to the project does (lockProject),
    // and checks again what the search found: a policy change in between wins or is seen.
    const [project] = await tx.$queryRaw<Claimed[]>`
      UPDATE "Project" SET "graceLastDayNotifiedAt" = ${now}::timestamp(3)
      WHERE "id" = ${projectId} AND "graceLastDayNotifiedAt" IS NULL AND "requiredLevel" <> 'disabled'
        AND "graceEndsAt" > ${now}::timestamp(3) AND "graceEndsAt" <= ${until}::timestamp(3)
      RETURNING "id", "name", "requiredLevel"::text AS "requiredLevel", "secureMethodsOnly", "graceEndsAt", "graceScope"::text AS "graceScope"`;
    if (!project) return null;
    const members = await loadMemberRows(tx, projectId);
    const recipients = members.filter((member) => memberCompliance(project, member, now) === "grace").map((member) => member.userId);
    await recordAudit(tx, {
      type: "project.grace_notified",
      projectId,
      metadata: { day: "last", recipients: recipients.length, graceEndsAt: project.graceEndsAt.toISOString() },
    });
    return { project, recipients };
  });
  if (!claim) return 0;
  const { project, recipients } = claim;
  for (const userId of recipients) {
    await notifyUser(userId, {
      template: "project-grace-last-day",
      props: { projectId, projectName: project.name, level: project.requiredLevel, secureMethodsOnly: project.secureMethodsOnly, deadline: project.graceEndsAt },
    });
  }
  return recipients.length;
}

const JOB = Symbol.for("tessera.graceJob");

/**
 * The periodic job (instrumentation.ts, Node runtime, not in tests): every ten minutes, and once
 * at start. The timer is unref'd, so it never keeps a stopping server alive; a failure is
 * logged and the next run tries again (a claimed project is not sent twice, an unclaimed one is
 * found again).
 */
export function startGraceJob(): void {
  const holder = globalThis as { [JOB]?: NodeJS.Timeout };
  if (holder[JOB]) return;
  const run = () => void sendGraceLastDayEmails().catch((error) => console.error("The grace period's last-day emails failed; the next run tries again:", error));
  holder[JOB] = setInterval(run, GRACE_JOB_INTERVAL_MS);
  holder[JOB].unref();
  setTimeout(run, 5_000).unref();
}
