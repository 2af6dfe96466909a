import crypto from "node:crypto";
import { db } from "@/lib/db";
import { hashLinkToken, newLinkToken } from "@/lib/auth/link-token";
import { INVITATION_TTL_MS } from "@/lib/policy/project";
import type { MatrixRow } from "./types";

/**
 * The members page's actions (lib/actions/projects/members.ts, invitations.ts). Accepting an
 * invitation is not project-scoped (the caller is not a member yet; the link decides), so it
 * lives in lib/actions/invitations and has no row here; lib/projects/invitations.test.ts covers who may.
 */
export const rows: MatrixRow[] = [
  { action: "inviteMemberAction", minimum: "admin", input: (f) => ({ projectId: f.projectId, email: `matrix-${crypto.randomBytes(5).toString("hex")}@example.test`, role: "member" }) },
  {
    action: "revokeInvitationAction",
    minimum: "admin",
    input: async (f) => {
      const invitation = await db.projectInvitation.create({
        data: {
          projectId: f.projectId,
          email: `matrix-${crypto.randomBytes(5).toString("hex")}@example.test`,
          tokenHash: hashLinkToken(newLinkToken()),
          invitedById: f.owner.userId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        },
      });
      return { projectId: f.projectId, invitationId: invitation.id };
    },
  },
  { action: "changeMemberRoleAction", minimum: "owner", input: (f) => ({ projectId: f.projectId, userId: f.member.userId, role: "admin" }) },
  { action: "removeMemberAction", minimum: "admin", input: (f) => ({ projectId: f.projectId, userId: f.member.userId }) },
  { action: "transferOwnershipAction", minimum: "owner", input: (f) => ({ projectId: f.projectId, userId: f.member.userId }) },
  // The owner is the project's only owner in the fixture: refused with project_last_owner, which is not an access refusal.
  { action: "leaveProjectAction", minimum: "member", input: (f) => ({ projectId: f.projectId }) },
];
