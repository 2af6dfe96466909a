import { notifyUser } from "@/lib/email/notify";
import type { ProjectPolicyStatus } from "@/lib/email/templates/project-policy-required";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import type { ProjectPolicy } from "@/lib/policy/project";
import { memberCompliance, type MemberRow } from "./policy-preview";

/** One member's "this project requires 2FA" email, sent once a policy change is committed (lib/projects/policy.ts). */
export type PolicyEmail = {
  userId: string;
  projectId: string;
  projectName: string;
  level: TwoFactorLevel;
  secureMethodsOnly: boolean;
  status: ProjectPolicyStatus;
  until: Date | null;
};

/**
 * Sends them one after another, each in its recipient's language (notifyUser). A failed send is
 * logged and audited there, and never undoes the change, which is already committed.
 */
export async function sendPolicyEmails(emails: readonly PolicyEmail[]): Promise<void> {
  for (const { userId, ...props } of emails) {
    await notifyUser(userId, { template: "project-policy-required", props });
  }
}

/**
 * Who hears about a change: when a project starts requiring 2FA, every member (what is required,
 * by when, and how to set it up); on a later tightening, the members it newly leaves without a
 * method that counts, or whose deadline it moves (in grace before or after: a member held at
 * enrolment whom a new grace does not cover has no deadline to move).
 */
export function policyEmails(before: ProjectPolicy, after: ProjectPolicy, members: readonly MemberRow[], project: { id: string; name: string }, now: Date): PolicyEmail[] {
  if (after.requiredLevel === "disabled") return [];
  const starts = before.requiredLevel === "disabled";
  const deadlineMoved = before.graceEndsAt?.getTime() !== after.graceEndsAt?.getTime();
  const emails: PolicyEmail[] = [];
  for (const member of members) {
    const was = starts ? "compliant" : memberCompliance(before, member, now);
    const is = memberCompliance(after, member, now);
    const concerned = is === "grace" || is === "not_compliant";
    const wasConcerned = was === "grace" || was === "not_compliant";
    const theirDeadlineMoved = deadlineMoved && (was === "grace" || is === "grace");
    if (!starts && !(concerned && (!wasConcerned || theirDeadlineMoved))) continue;
    emails.push({
      userId: member.userId,
      projectId: project.id,
      projectName: project.name,
      level: after.requiredLevel,
      secureMethodsOnly: after.secureMethodsOnly,
      status: is === "not_compliant" ? "now" : is === "compliant" ? "ready" : is,
      until: is === "grace" ? after.graceEndsAt : is === "exempt" ? member.exemptUntil : null,
    });
  }
  return emails;
}
