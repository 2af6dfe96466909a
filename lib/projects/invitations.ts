import { db, type Tx } from "@/lib/db";
import type { ProjectRole, TwoFactorLevel } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { normalizeEmail } from "@/lib/auth/email";
import { hashLinkToken, isLinkToken, newLinkToken } from "@/lib/auth/link-token";
import { sendEmail } from "@/lib/email";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { recipientLocale, type Locale } from "@/lib/i18n/locales";
import type { Actor } from "@/lib/policy";
import {
  INVITATION_ADDRESS_INTERVAL_MS,
  INVITATION_TTL_MS,
  INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR,
  INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR,
  INVITATIONS_PER_INVITER_PER_HOUR,
  INVITATIONS_PER_PROJECT_PER_HOUR,
} from "@/lib/policy/project";
import { requireRole, roleOf } from "./members";
import { lockProject } from "./projects";

/**
 * Invitations by email (issue 10): owners and admins invite, admins only as Member. A link
 * works once, for 7 days (INVITATION_TTL_MS); it carries 256 random bits of which only the
 * SHA-256 is stored (lib/auth/link-token.ts); it can be revoked; inviting a pending address
 * again replaces the earlier invitation, whose link then stops working. The email goes out in
 * the invitee's language: that of the account with the address if there is one, else the
 * inviter's. Accepting needs the account with that address, verified.
 */

export type InvitationRole = Exclude<ProjectRole, "owner">;

const HOUR_MS = 3_600_000;

export async function inviteMember(
  actor: Actor,
  input: { projectId: string; email: string; role: InvitationRole },
  inviterLocale: Locale,
  context: RequestContext,
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  const { projectId, role } = input;
  const email = normalizeEmail(input.email);
  const token = newLinkToken();
  const created = await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    const actorRole = await requireRole(tx, projectId, actor.userId, "admin");
    // Only owners make admins (GitHub): an admin's invitation is for a member.
    if (role !== "member" && actorRole !== "owner") throw new AppError("forbidden");
    const account = await tx.user.findUnique({ where: { email }, select: { id: true, locale: true, browserLocale: true } });
    if (account && (await roleOf(tx, projectId, account.id))) throw new AppError("already_member");
    await claimInvitationSend(tx, { projectId, inviterId: actor.userId, email }, now);
    const { count: replaced } = await tx.projectInvitation.updateMany({ where: { projectId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const invitation = await tx.projectInvitation.create({
      data: { projectId, email, role, tokenHash: hashLinkToken(token), invitedById: actor.userId, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(tx, {
      type: "project.member_invited",
      actorId: actor.userId,
      subjectId: account?.id ?? null,
      projectId,
      metadata: { invitationId: invitation.id, email, role, replaced },
      context,
    });
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true, requiredLevel: true, secureMethodsOnly: true } });
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } });
    return { invitation, project, inviter, locale: account ? recipientLocale(account) : inviterLocale };
  });

  const { invitation, project, inviter, locale } = created;
  try {
    await sendEmail({
      template: "project-invitation",
      to: email,
      locale,
      props: { projectName: project.name, inviterName: inviter.name, role, requiredLevel: project.requiredLevel, secureMethodsOnly: project.secureMethodsOnly, link: invitationLink(token) },
    });
  } catch (error) {
    // Not silent (rule 7): a link nobody received is withdrawn, and the inviter is told.
    console.error("Could not send a project invitation email; the invitation is withdrawn:", error);
    await withdrawUnsent(actor, projectId, invitation.id, email, role, context);
    throw new AppError("invitation_send_failed");
  }
  return invitation;
}

export const invitationPath = (token: string) => `/invitations/${token}`;
const invitationLink = (token: string) => `${getEnv().APP_URL}${invitationPath(token)}`;

/**
 * The limits on invitation emails (lib/policy/project.ts), counted from the invitations
 * themselves rather than lib/auth/email-throttle.ts, whose per-address budget an admin could
 * otherwise use up and so delay the person's own password reset:
 * - per project, INVITATIONS_PER_PROJECT_PER_HOUR;
 * - per inviter over all their projects, INVITATIONS_PER_INVITER_PER_HOUR (more projects buy no
 *   more mail);
 * - per address, one a minute and a few an hour from this project, and from this inviter over
 *   all their projects. Never over all projects: a stranger's throw-away project must not use up
 *   the budget a real project has for an address.
 * Each count is taken under a lock that every send it counts also takes, so racing invitations
 * queue and cannot both slip under a limit: the project's row lock (held by the caller), then
 * the inviter's and then the address's advisory lock, always in this order.
 */
async function claimInvitationSend(tx: Tx, { projectId, inviterId, email }: { projectId: string; inviterId: string; email: string }, now: Date) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`project-inviter:${inviterId}`}, 0))`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`project-invitation:${email}`}, 0))`;
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const sentByProject = await tx.projectInvitation.count({ where: { projectId, createdAt: { gt: hourAgo } } });
  if (sentByProject >= INVITATIONS_PER_PROJECT_PER_HOUR) throw new AppError("project_invitations_throttled");
  const sentByInviter = await tx.projectInvitation.count({ where: { invitedById: inviterId, createdAt: { gt: hourAgo } } });
  if (sentByInviter >= INVITATIONS_PER_INVITER_PER_HOUR) throw new AppError("inviter_invitations_throttled");
  const toAddress = await tx.projectInvitation.findMany({
    where: { email, createdAt: { gt: hourAgo }, OR: [{ projectId }, { invitedById: inviterId }] },
    select: { projectId: true, invitedById: true, createdAt: true },
  });
  const tooSoon = toAddress.some((row) => now.getTime() - row.createdAt.getTime() < INVITATION_ADDRESS_INTERVAL_MS);
  const fromProject = toAddress.filter((row) => row.projectId === projectId).length;
  const fromInviter = toAddress.filter((row) => row.invitedById === inviterId).length;
  if (tooSoon || fromProject >= INVITATIONS_PER_ADDRESS_PER_PROJECT_PER_HOUR || fromInviter >= INVITATIONS_PER_ADDRESS_PER_INVITER_PER_HOUR) {
    throw new AppError("invitation_address_throttled");
  }
}

async function withdrawUnsent(actor: Actor, projectId: string, id: string, email: string, role: InvitationRole, context: RequestContext) {
  try {
    await db.$transaction(async (tx) => {
      await lockProject(tx, projectId);
      const { count } = await tx.projectInvitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
      if (count) await recordAudit(tx, { type: "project.invitation_revoked", outcome: "failure", actorId: actor.userId, projectId, metadata: { invitationId: id, email, role, reason: "send_failed" }, context });
    });
  } catch (error) {
    console.error("Could not withdraw an invitation whose email failed:", error);
  }
}

/** Owners and admins revoke a pending invitation; its link stops working at once. */
export async function revokeInvitation(actor: Actor, projectId: string, invitationId: string, context: RequestContext, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await requireRole(tx, projectId, actor.userId, "admin");
    const invitation = await tx.projectInvitation.findFirst({ where: { id: invitationId, projectId, acceptedAt: null, revokedAt: null }, select: { email: true, role: true } });
    if (!invitation) throw new AppError("not_found");
    await tx.projectInvitation.update({ where: { id: invitationId }, data: { revokedAt: now } });
    await recordAudit(tx, { type: "project.invitation_revoked", actorId: actor.userId, projectId, metadata: { invitationId, email: invitation.email, role: invitation.role }, context });
  });
}

export type PendingInvitation = { id: string; email: string; role: ProjectRole; createdAt: Date; expiresAt: Date; inviterName: string | null };

/** The invitations still waiting for an answer, newest first, for owners and admins. */
export async function listPendingInvitations(projectId: string, now = new Date()): Promise<PendingInvitation[]> {
  const rows = await db.projectInvitation.findMany({
    where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedById: true },
  });
  const inviterIds = [...new Set(rows.flatMap((row) => (row.invitedById ? [row.invitedById] : [])))];
  const inviters = inviterIds.length ? await db.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(inviters.map((user) => [user.id, user.name]));
  return rows.map(({ invitedById, ...row }) => ({ ...row, inviterName: invitedById ? (names.get(invitedById) ?? null) : null }));
}

export type InvitationDetails = {
  projectId: string;
  projectName: string;
  email: string;
  role: ProjectRole;
  inviterName: string | null;
  requiredLevel: TwoFactorLevel;
  secureMethodsOnly: boolean;
  expiresAt: Date;
};

/** What the invitation page shows, to anyone holding the link: a live invitation, or why not. */
export async function findInvitation(token: string, now = new Date()): Promise<InvitationDetails> {
  if (!isLinkToken(token)) throw new AppError("token_invalid");
  const row = await db.projectInvitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedById: true,
      project: { select: { id: true, name: true, requiredLevel: true, secureMethodsOnly: true } },
    },
  });
  if (!row || row.acceptedAt || row.revokedAt) throw new AppError("token_invalid");
  if (row.expiresAt <= now) throw new AppError("token_expired");
  const inviter = row.invitedById ? await db.user.findUnique({ where: { id: row.invitedById }, select: { name: true } }) : null;
  return {
    projectId: row.project.id,
    projectName: row.project.name,
    email: row.email,
    role: row.role,
    inviterName: inviter?.name ?? null,
    requiredLevel: row.project.requiredLevel,
    secureMethodsOnly: row.project.secureMethodsOnly,
    expiresAt: row.expiresAt,
  };
}

/**
 * Accepts an invitation for the signed-in person: their account's address must be the invited
 * one, and verified. One transaction, under the project's lock, claims the invitation with a
 * conditional UPDATE (not accepted, not revoked, not expired) and adds the member with its audit
 * event: of many accepts at once, exactly one joins.
 */
export async function acceptInvitation(userId: string, token: string, context: RequestContext, now = new Date()): Promise<{ projectId: string }> {
  if (!isLinkToken(token)) throw new AppError("token_invalid");
  const found = await db.projectInvitation.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: { id: true, projectId: true } });
  if (!found) throw new AppError("token_invalid");
  const { projectId } = found;
  return db.$transaction(async (tx) => {
    await lockProject(tx, projectId).catch(() => {
      throw new AppError("token_invalid");
    });
    const invitation = await tx.projectInvitation.findUnique({ where: { id: found.id } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt) throw new AppError("token_invalid");
    if (invitation.expiresAt <= now) throw new AppError("token_expired");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
    if (!user) throw new AppError("unauthorized");
    if (normalizeEmail(user.email) !== invitation.email) throw new AppError("invitation_other_account");
    if (!user.emailVerifiedAt) throw new AppError("email_not_verified");
    if (await roleOf(tx, projectId, userId)) throw new AppError("already_member");
    const { count } = await tx.projectInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: userId },
    });
    if (count !== 1) throw new AppError("token_invalid");
    await tx.projectMember.create({ data: { projectId, userId, role: invitation.role, joinedAt: now } });
    await recordAudit(tx, {
      type: "project.member_joined",
      actorId: userId,
      subjectId: userId,
      projectId,
      metadata: { role: invitation.role, invitationId: invitation.id, invitedById: invitation.invitedById },
      context,
    });
    return { projectId };
  });
}
