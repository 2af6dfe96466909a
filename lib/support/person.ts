import { db } from "@/lib/db";
import type { FactorType, ProjectRole, Role } from "@/lib/db/generated/enums";
import { listVisibleEvents, type VisibleEvent } from "@/lib/audit/read-events";
import { normalizeEmail } from "@/lib/auth/email";
import { AppError } from "@/lib/errors";
import { twoFactorStateOf, type TwoFactorState } from "@/lib/mfa/status";
import { maskedHint } from "@/lib/projects/compliance";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { complianceOf, type ComplianceState } from "@/lib/policy/project";
import { isPlainText } from "@/lib/validation/plain-text";
import { requireSupportAccess } from "./support-access";

/** How many sessions, trusted computers and events the page shows (newest first). */
export const PERSON_RECENT = 20;

export type PersonFactorKind = { type: FactorType; count: number; labels: string[] };

export type PersonForSupport = {
  user: {
    id: string;
    name: string;
    email: string;
    role: Role;
    createdAt: Date;
    emailVerifiedAt: Date | null;
    emailLoginVerification: boolean;
    twoFactorLevel: TwoFactorLevel;
    twoFactorState: TwoFactorState;
    twoFactorLockedUntil: Date | null;
    twoFactorSuspendedAt: Date | null;
    passwordResetRequiredAt: Date | null;
    passwordChangeRequiredAt: Date | null;
    twoFactorResetAt: Date | null;
  };
  factors: PersonFactorKind[];
  recoveryCodesLeft: number;
  sessions: { id: string; device: { userAgent: string | null; browserName: string | null; osName: string | null }; ip: string | null; createdAt: Date; lastSeenAt: Date; active: boolean }[];
  trustedComputers: { id: string; device: { userAgent: string | null; browserName: string | null; osName: string | null }; ip: string | null; createdAt: Date; lastUsedAt: Date; expiresAt: Date; active: boolean }[];
  projects: { id: string; name: string; role: ProjectRole; compliance: ComplianceState }[];
  events: VisibleEvent[];
  moreEvents: boolean;
};

const ORDER: readonly FactorType[] = ["webauthn", "totp", "sms", "voice"];

/**
 * What support sees of one person (issue 11 §4): the account and its locks, factors by kind
 * (a key by its name, a phone by its last two digits; never a secret, a number or a key's id),
 * recent sessions and trusted computers, projects with compliance, and recent events. Only for
 * support staff with a second factor; an unknown person is not_found.
 */
export async function getPersonForSupport(viewerId: string, userId: string, now = new Date()): Promise<PersonForSupport> {
  await requireSupportAccess(viewerId);
  if (!/^[0-9a-zA-Z-]{1,64}$/.test(userId)) throw new AppError("not_found");
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true, name: true, email: true, role: true, createdAt: true, emailVerifiedAt: true, emailLoginVerification: true, twoFactorLevel: true,
      twoFactorChangedAt: true, twoFactorLockedUntil: true, twoFactorSuspendedAt: true, passwordResetRequiredAt: true, passwordChangeRequiredAt: true, twoFactorResetAt: true,
      factors: { where: { status: "active" }, orderBy: { createdAt: "asc" }, select: { type: true, name: true, phoneHint: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) throw new AppError("not_found");
  const [sessions, trusted, memberships, page] = await Promise.all([
    db.session.findMany({
      where: { userId, pendingStep: null },
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      take: PERSON_RECENT,
      select: { id: true, userAgent: true, browserName: true, osName: true, ip: true, createdAt: true, lastSeenAt: true, expiresAt: true, idleUntil: true, revokedAt: true },
    }),
    db.trustedComputer.findMany({
      where: { userId },
      orderBy: [{ lastUsedAt: "desc" }, { id: "desc" }],
      take: PERSON_RECENT,
      select: { id: true, userAgent: true, browserName: true, osName: true, ip: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
    }),
    db.projectMember.findMany({
      where: { userId },
      orderBy: { project: { name: "asc" } },
      select: { role: true, exemptUntil: true, project: { select: { id: true, name: true, requiredLevel: true, secureMethodsOnly: true, graceEndsAt: true, graceScope: true } } },
    }),
    listVisibleEvents(viewerId, { subjectId: userId, limit: PERSON_RECENT }),
  ]);
  const factorTypes = user.factors.map((factor) => factor.type);
  const { factors, _count, twoFactorChangedAt, ...account } = user;
  const device = (row: { userAgent: string | null; browserName: string | null; osName: string | null }) => ({ userAgent: row.userAgent, browserName: row.browserName, osName: row.osName });
  return {
    user: { ...account, twoFactorState: twoFactorStateOf(factors.length > 0, twoFactorChangedAt, now) },
    factors: factorKinds(factors),
    recoveryCodesLeft: _count.recoveryCodes,
    sessions: sessions.map((row) => ({
      id: row.id, device: device(row), ip: row.ip, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt,
      active: !row.revokedAt && row.expiresAt > now && (!row.idleUntil || row.idleUntil > now),
    })),
    trustedComputers: trusted.map((row) => ({
      id: row.id, device: device(row), ip: row.ip, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, expiresAt: row.expiresAt, active: !row.revokedAt && row.expiresAt > now,
    })),
    projects: memberships.map(({ role, exemptUntil, project }) => ({
      id: project.id,
      name: project.name,
      role,
      compliance: complianceOf(project, { level: user.twoFactorLevel, factorTypes, exemptUntil }, now),
    })),
    events: page.events,
    moreEvents: !!page.older,
  };
}

/** Factors by kind, strongest first: keys by their names, phones by their masked last digits, apps by count only. */
function factorKinds(factors: { type: FactorType; name: string | null; phoneHint: string | null }[]): PersonFactorKind[] {
  const kinds = new Map<FactorType, PersonFactorKind>();
  for (const factor of factors) {
    const kind = kinds.get(factor.type) ?? { type: factor.type, count: 0, labels: [] };
    kind.count += 1;
    const label = factor.type === "sms" || factor.type === "voice" ? maskedHint(factor.phoneHint) : factor.type === "webauthn" ? factor.name : null;
    if (label) kind.labels.push(label);
    kinds.set(factor.type, kind);
  }
  return [...kinds.values()].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

/** The id of the account at `email`, for links that know only the address; null when none. Support staff only. */
export async function findPersonIdByEmail(viewerId: string, email: string): Promise<string | null> {
  await requireSupportAccess(viewerId);
  const address = normalizeEmail(email);
  // A NUL (or any control character) is no address, and PostgreSQL would refuse it with an error.
  if (!address || address.length > 254 || !isPlainText(address)) return null;
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true } });
  return user?.id ?? null;
}
