import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { projectId } from "./schemas";

/**
 * The members page's forms, shared by the forms and their actions. Messages are message keys.
 * Invitations name Admin or Member only: owners are made by changing a member's role or by
 * transferring ownership, never by a link.
 */
export const INVITABLE_ROLES = ["admin", "member"] as const;
export const ASSIGNABLE_ROLES = ["owner", "admin", "member"] as const;

const userId = z.uuid("validation.invalid");

export const inviteMemberInput = z.object({ projectId, email: emailSchema, role: z.enum(INVITABLE_ROLES, "validation.invalid").default("member") });
export const revokeInvitationInput = z.object({ projectId, invitationId: z.uuid("validation.invalid") });
export const changeMemberRoleInput = z.object({ projectId, userId, role: z.enum(ASSIGNABLE_ROLES, "validation.invalid") });
export const removeMemberInput = z.object({ projectId, userId });
export const leaveProjectInput = z.object({ projectId });
export const transferOwnershipInput = z.object({ projectId, userId });
export const acceptInvitationInput = z.object({ token: z.string().min(1, "validation.invalid").max(200, "validation.invalid") });
