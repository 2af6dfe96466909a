import { db } from "@/lib/db";
import type { MatrixRow } from "./types";

/** The project settings page's actions (lib/actions/projects/settings.ts). */
export const rows: MatrixRow[] = [
  {
    // Owners and admins change the policy (a member never does); confirmed, so an allowed call changes it.
    action: "updateProjectPolicyAction",
    minimum: "admin",
    input: (f) => ({
      projectId: f.projectId,
      requiredLevel: "every_login",
      secureMethodsOnly: "on",
      graceDays: "7",
      expectedLevel: "disabled",
      expectedSecure: "0",
      expectedGraceDays: "0",
      confirm: "1",
      shownBlocked: "",
    }),
  },
  {
    action: "grantProjectExemptionAction",
    minimum: "owner",
    input: (f) => ({ projectId: f.projectId, userId: f.member.userId, days: "7", reason: "Phone in repair" }),
  },
  {
    // An exception is running, so an allowed call has one to end.
    action: "endProjectExemptionAction",
    minimum: "owner",
    input: async (f) => {
      await db.projectMember.update({
        where: { projectId_userId: { projectId: f.projectId, userId: f.member.userId } },
        data: { exemptUntil: new Date(Date.now() + 7 * 86_400_000), exemptReason: "Phone in repair", exemptById: f.owner.userId },
      });
      return { projectId: f.projectId, userId: f.member.userId };
    },
  },
];
