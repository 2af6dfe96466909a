import { notifyUser } from "@/lib/email/notify";
import type { ProjectPolicyStatus } from "@/lib/email/templates/project-policy-required";
import type { TwoFactorLevel } from "@/lib/policy/levels";

/** One member's "this project requires 2FA" email (lib/projects/policy.ts decides who gets one). */
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
