import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { AccessRole, ApiScope, ProjectRole } from "@/lib/db/generated/enums";
import type { AccessActor } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import { createUser } from "./factories";

/**
 * A project for access-control tests, written straight into the database: an owner, an admin,
 * a member with each access role and one with none, API keys (read, write, both) of the project
 * and a write key of another project. Each comes as the AccessActor the domain functions take.
 */
export type AccessTeam = Awaited<ReturnType<typeof accessTeam>>;

type MemberActor = AccessActor & { kind: "member" };

export async function accessTeam() {
  const project = await db.project.create({ data: { name: `Access ${crypto.randomBytes(3).toString("hex")}` }, select: { id: true } });
  const projectId = project.id;
  const member = async (projectRole: ProjectRole, accessRole: AccessRole | null = null): Promise<MemberActor> => {
    const user = await createUser();
    await db.projectMember.create({ data: { projectId, userId: user.id, role: projectRole, accessRole } });
    return { kind: "member", projectId, userId: user.id, projectRole, accessRole };
  };
  const owner = await member("owner");
  const admin = await member("admin");
  const userAdmin = await member("member", "user_admin");
  const userManager = await member("member", "user_manager");
  const credentialManager = await member("member", "credential_manager");
  const plainMember = await member("member");
  const other = await db.project.create({ data: { name: "Another project" }, select: { id: true } });
  return {
    projectId,
    owner,
    admin,
    userAdmin,
    userManager,
    credentialManager,
    plainMember,
    readKey: await apiKey(projectId, owner.userId, ["read"]),
    writeKey: await apiKey(projectId, owner.userId, ["write"]),
    readWriteKey: await apiKey(projectId, owner.userId, ["read", "write"]),
    /** A key with every scope, of another project: everything it names here is not found. */
    otherProjectKey: await apiKey(other.id, owner.userId, ["read", "write"]),
    otherProjectId: other.id,
  };
}

/** An API key row and its actor (the secret is never needed: the domain functions take the actor). */
export async function apiKey(projectId: string, createdById: string, scopes: ApiScope[]): Promise<AccessActor & { kind: "api_key" }> {
  const key = await db.apiKey.create({
    data: { projectId, name: `Key ${scopes.join("+")}`, prefix: crypto.randomBytes(8).toString("hex"), secretHash: crypto.randomBytes(32).toString("hex"), scopes, createdById },
    select: { id: true },
  });
  return { kind: "api_key", projectId, keyId: key.id, createdById, scopes };
}

/** "ok", or the AppError code a call failed with (anything else rethrown as text, so a test shows it). */
export const outcomeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );

export const accessEvents = (projectId: string, type?: string) =>
  db.auditEvent.findMany({ where: { projectId, ...(type ? { type } : { type: { startsWith: "access." } }) }, orderBy: { createdAt: "asc" } });
