import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { ApiScope } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, type Actor } from "@/lib/policy";
import { isPlainText } from "@/lib/validation/plain-text";
import { lockProject, requireRoleUnderLock } from "@/lib/projects/projects";
import { generateApiKey, generateKeyPrefix, hashApiKey } from "./key-format";
import { API_KEY_NAME_MAX } from "./key-schemas";

/**
 * Project API keys (issue 12 §6): made by the project's owners and admins in sudo mode (DESIGN
 * rule 6), shown once, stored as SHA-256 of the key (lib/api/key-format.ts), revocable at once.
 * A key acts as its creator in the audit log (lib/access/permissions.ts auditActor), and only
 * while its creator is still an owner or admin of the project (lib/api/authenticate.ts).
 */

const DAY_MS = 86_400_000;

export type NewApiKey = { name: string; scopes: readonly ApiScope[]; expiresInDays: number | null };
export type CreatedApiKey = { id: string; key: string; prefix: string; name: string; scopes: ApiScope[]; expiresAt: Date | null };

export async function createApiKey(actor: Actor, projectId: string, input: NewApiKey, context: RequestContext, now = new Date()): Promise<CreatedApiKey> {
  const name = input.name.normalize("NFC").trim();
  const scopes = [...new Set(input.scopes)].filter((scope): scope is ApiScope => scope === "read" || scope === "write").sort();
  // Plain text only (a NUL would fail PostgreSQL's text with a 500), checked here too: not every caller is the form.
  if (!name || [...name].length > API_KEY_NAME_MAX || !isPlainText(name) || scopes.length === 0) throw new AppError("invalid_input");
  if (input.expiresInDays !== null && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 365)) throw new AppError("invalid_input");
  await requireSudo(actor, now);
  const expiresAt = input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS);
  return db.$transaction(async (tx) => {
    // Under the project's lock: the role is read again, and two keys named alike at once cannot both pass.
    await lockProject(tx, projectId);
    await requireRoleUnderLock(tx, projectId, actor.userId, "admin");
    const live = await tx.apiKey.findFirst({
      where: { projectId, name: { equals: name, mode: "insensitive" }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { id: true },
    });
    if (live) throw new AppError("api_key_name_taken");
    // A prefix is 71 bits of randomness: a collision is as good as impossible, and the unique index refuses one anyway.
    const prefix = generateKeyPrefix();
    const key = generateApiKey(prefix);
    const row = await tx.apiKey.create({
      data: { projectId, name, prefix, secretHash: hashApiKey(key), scopes, createdById: actor.userId, createdAt: now, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, {
      type: "api.key_created",
      actorId: actor.userId,
      projectId,
      metadata: { keyId: row.id, name, prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
      context,
      at: now,
    });
    return { id: row.id, key, prefix, name, scopes, expiresAt };
  });
}

/** Revokes a key of the project at once; false when it was revoked already (nothing is written then). */
export async function revokeApiKey(actor: Actor, projectId: string, keyId: string, context: RequestContext, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockProject(tx, projectId);
    await requireRoleUnderLock(tx, projectId, actor.userId, "admin");
    const key = await tx.apiKey.findFirst({ where: { id: keyId, projectId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!key) throw new AppError("not_found");
    if (key.revokedAt) return false;
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now, revokedById: actor.userId } });
    await recordAudit(tx, { type: "api.key_revoked", actorId: actor.userId, projectId, metadata: { keyId: key.id, name: key.name, prefix: key.prefix }, context, at: now });
    return true;
  });
}

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdBy: { name: string; email: string } | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
};

/** The project's keys for the keys page, newest first: never the hash. */
export async function listApiKeys(projectId: string): Promise<ApiKeyRow[]> {
  const rows = await db.apiKey.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, createdById: true, expiresAt: true, revokedAt: true, lastUsedAt: true, lastUsedIp: true },
  });
  const creators = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.createdById))] } }, select: { id: true, name: true, email: true } });
  const byId = new Map(creators.map((user) => [user.id, { name: user.name, email: user.email }]));
  return rows.map(({ createdById, ...row }) => ({ ...row, createdBy: byId.get(createdById) ?? null }));
}

/** A key's state on a date: what the page shows and what the API refuses. */
export function apiKeyState(key: Pick<ApiKeyRow, "revokedAt" | "expiresAt">, now = new Date()): "active" | "revoked" | "expired" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
