import type { AccessRole, ApiScope, ProjectRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/**
 * Who may do what in a project's access control (Verkada's roles):
 * - Access User Admin: everything (project owners and admins hold it without a grant);
 * - Access User Manager: access users, not their credentials;
 * - Access Credential Manager: credentials (cards, entry and MFA codes), not the users.
 * Every access action names one permission here; the domain functions check it for every caller
 * (a member through the pages, an API key through /api/v1), and lib/access/permissions.test.ts
 * is the authorisation matrix. Credential changes by a member also need sudo (DESIGN rule 6),
 * checked on the guarded path (defineAction `sudo: true`).
 */
export type AccessPermission =
  /** See the section: users, doors, the keypad. */
  | "access.view"
  /** Create, edit, suspend, link and delete access users. */
  | "users.manage"
  /** Cards, entry codes, MFA codes: add, edit, delete, reveal. */
  | "credentials.manage"
  /** Doors and their schedules; the project's time zone and door settings. */
  | "doors.manage"
  /** Try a door on the keypad page (a door check). */
  | "doors.check"
  /** CSV import (users and credentials at once) and export. */
  | "transfer"
  /** Give and take the access roles. */
  | "roles.manage";

export const ACCESS_PERMISSIONS = ["access.view", "users.manage", "credentials.manage", "doors.manage", "doors.check", "transfer", "roles.manage"] as const satisfies readonly AccessPermission[];
export const ACCESS_ROLES = ["user_admin", "user_manager", "credential_manager"] as const satisfies readonly AccessRole[];

const GRANTS: Record<AccessRole, readonly AccessPermission[]> = {
  user_admin: ["access.view", "users.manage", "credentials.manage", "doors.manage", "doors.check", "transfer"],
  user_manager: ["access.view", "users.manage", "doors.check"],
  credential_manager: ["access.view", "credentials.manage", "doors.check"],
};

/** The access role a member holds in effect: owners and admins are Access User Admins. */
export function effectiveAccessRole(projectRole: ProjectRole, granted: AccessRole | null): AccessRole | null {
  return projectRole === "owner" || projectRole === "admin" ? "user_admin" : granted;
}

/** Who is acting on a project's access control: a member (through pages and actions) or an API key. */
export type AccessActor =
  | { kind: "member"; projectId: string; userId: string; projectRole: ProjectRole; accessRole: AccessRole | null }
  | { kind: "api_key"; projectId: string; keyId: string; createdById: string; scopes: readonly ApiScope[] };

const READS: ReadonlySet<AccessPermission> = new Set(["access.view"]);

export function can(actor: AccessActor, permission: AccessPermission): boolean {
  if (actor.kind === "api_key") {
    // A key's scopes: read covers what only reads; write covers every change (and a door check,
    // which writes its audit event and may count a wrong code). roles.manage is never a key's.
    if (permission === "roles.manage") return false;
    return actor.scopes.includes(READS.has(permission) ? "read" : "write");
  }
  if (permission === "roles.manage") return actor.projectRole === "owner" || actor.projectRole === "admin";
  const role = effectiveAccessRole(actor.projectRole, actor.accessRole);
  return role !== null && GRANTS[role].includes(permission);
}

/** A refusal (`forbidden`) unless the actor holds the permission. */
export function assertCan(actor: AccessActor, permission: AccessPermission): void {
  if (!can(actor, permission)) throw new AppError("forbidden");
}

/**
 * The audit actor for an access event: the member, or the key's creator (with the key's id in
 * metadata). `subjectId`: whose security log shows it — the member's own doing appears there, a
 * key's calls do not (a program's thousands of calls would bury the creator's own events); both
 * are in the project's audit log.
 */
export function auditActor(actor: AccessActor): { actorId: string; apiKeyId?: string; subjectId: string | null } {
  return actor.kind === "member" ? { actorId: actor.userId, subjectId: actor.userId } : { actorId: actor.createdById, apiKeyId: actor.keyId, subjectId: null };
}
