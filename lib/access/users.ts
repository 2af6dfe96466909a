import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { AccessCodeKind, AccessUserStatus } from "@/lib/db/generated/enums";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { lockMemberForLink } from "./link";
import { assertCan, auditActor, type AccessActor } from "./permissions";
import { accessUserInput, accessUserPatch, type AccessUserInput, type AccessUserPatch } from "./schemas";

/**
 * Access users: the people with badges and keypad codes in a project (Verkada's "Access Users").
 * Every function checks the actor's permission (lib/access/permissions.ts) and scopes every
 * query by the actor's project, so an id from another project is simply not found. Each change
 * writes its audit event in the same transaction; an API key's id goes into the event.
 */

export type AccessUserSummary = {
  id: string;
  name: string;
  email: string | null;
  externalId: string | null;
  memberUserId: string | null;
  status: AccessUserStatus;
  codesSuspendedAt: Date | null;
  cardCount: number;
  mfaCodeCount: number;
  hasEntryCode: boolean;
  createdAt: Date;
};

export type AccessCodeSummary = { id: string; kind: AccessCodeKind; length: number; createdAt: Date };
export type AccessCardSummary = { id: string; facilityCode: number; cardNumber: number; createdAt: Date };

export type AccessUserDetail = AccessUserSummary & {
  codesSuspendedReason: string | null;
  updatedAt: Date;
  /** The linked member as they are now; `inProject` false once they left (the codes are then suspended). */
  member: { userId: string; name: string | null; email: string | null; inProject: boolean } | null;
  cards: AccessCardSummary[];
  /** Entry code first, then MFA codes oldest first. Never the code itself: Reveal opens one (audited). */
  codes: AccessCodeSummary[];
};

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

const summarySelect = {
  id: true,
  name: true,
  email: true,
  externalId: true,
  memberUserId: true,
  status: true,
  codesSuspendedAt: true,
  createdAt: true,
  _count: { select: { cards: true } },
  codes: { select: { kind: true } },
} satisfies Prisma.AccessUserSelect;

type SummaryRow = Prisma.AccessUserGetPayload<{ select: typeof summarySelect }>;

function toSummary({ _count, codes, ...row }: SummaryRow): AccessUserSummary {
  return { ...row, cardCount: _count.cards, mfaCodeCount: codes.filter((code) => code.kind === "mfa").length, hasEntryCode: codes.some((code) => code.kind === "entry") };
}

/** Keyset cursor: the last row's (name, id), opaque to callers. */
const encodeCursor = (row: { name: string; id: string }) => Buffer.from(JSON.stringify([row.name, row.id])).toString("base64url");
function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") return { name: value[0], id: value[1] };
  } catch {
    // falls through to the refusal
  }
  throw new AppError("invalid_input");
}

/** A page of the project's access users by (name, id); `q` looks in name, email and external id, ignoring case. */
export async function listAccessUsers(
  actor: AccessActor,
  options: { cursor?: string | null; limit?: number; q?: string } = {},
): Promise<{ users: AccessUserSummary[]; nextCursor: string | null }> {
  assertCan(actor, "access.view");
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? LIST_LIMIT_DEFAULT) || LIST_LIMIT_DEFAULT, 1), LIST_LIMIT_MAX);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const q = options.q?.normalize("NFKC").trim().slice(0, 200);
  const where: Prisma.AccessUserWhereInput = {
    projectId: actor.projectId,
    ...(q
      ? { OR: (["name", "email", "externalId"] as const).map((field) => ({ [field]: { contains: q, mode: "insensitive" } })) }
      : {}),
    ...(after ? { AND: [{ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] }] } : {}),
  };
  const rows = await db.accessUser.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], take: limit + 1, select: summarySelect });
  const page = rows.slice(0, limit);
  return { users: page.map(toSummary), nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null };
}

/** One access user with their cards and codes (kinds and lengths only). */
export async function getAccessUser(actor: AccessActor, accessUserId: string): Promise<AccessUserDetail> {
  assertCan(actor, "access.view");
  return readDetail(db, actor.projectId, accessUserId);
}

async function readDetail(client: Tx, projectId: string, accessUserId: string): Promise<AccessUserDetail> {
  if (!isUuid(accessUserId)) throw new AppError("not_found");
  const row = await client.accessUser.findFirst({
    where: { id: accessUserId, projectId },
    select: {
      ...summarySelect,
      codesSuspendedReason: true,
      updatedAt: true,
      cards: { select: { id: true, facilityCode: true, cardNumber: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      codes: { select: { id: true, kind: true, length: true, createdAt: true }, orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!row) throw new AppError("not_found");
  const { cards, codes, codesSuspendedReason, updatedAt, ...rest } = row;
  const member = row.memberUserId ? await memberOf(client, projectId, row.memberUserId) : null;
  return { ...toSummary({ ...rest, codes }), codesSuspendedReason, updatedAt, member, cards, codes };
}

async function memberOf(client: Tx, projectId: string, userId: string) {
  const user = await client.user.findUnique({ where: { id: userId }, select: { name: true, email: true, projectMemberships: { where: { projectId }, select: { userId: true } } } });
  return { userId, name: user?.name ?? null, email: user?.email ?? null, inProject: (user?.projectMemberships.length ?? 0) > 0 };
}

/** **Add user**. external_id_taken when the project has that external id already. */
export async function createAccessUser(actor: AccessActor, input: AccessUserInput, context: RequestContext): Promise<AccessUserDetail> {
  assertCan(actor, "users.manage");
  const data = parse(accessUserInput, input);
  const { projectId } = actor;
  return uniqueExternalId(() =>
    db.$transaction(async (tx) => {
      if (data.memberUserId) await lockMemberForLink(tx, projectId, data.memberUserId, null);
      const created = await tx.accessUser.create({
        data: { projectId, name: data.name, email: data.email ?? null, externalId: data.externalId ?? null, memberUserId: data.memberUserId ?? null, status: data.status },
        select: { id: true },
      });
      await recordAudit(tx, event(actor, context, "access.user_created", {
        accessUserId: created.id,
        name: data.name,
        status: data.status,
        ...(data.externalId ? { externalId: data.externalId } : {}),
        ...(data.memberUserId ? { memberUserId: data.memberUserId } : {}),
      }));
      return readDetail(tx, projectId, created.id);
    }),
  );
}

/**
 * Edit, **Suspend** or **Reactivate**, link and unlink. A status change and a link change get
 * events of their own (access.user_suspended, access.member_linked, ...), the other fields one
 * access.user_updated naming what changed. Nothing changed: nothing written.
 */
export async function updateAccessUser(actor: AccessActor, accessUserId: string, patch: AccessUserPatch, context: RequestContext): Promise<AccessUserDetail> {
  assertCan(actor, "users.manage");
  const data = parse(accessUserPatch, patch);
  const { projectId } = actor;
  if (!isUuid(accessUserId)) throw new AppError("not_found");
  return uniqueExternalId(() =>
    db.$transaction(async (tx) => {
      if (data.memberUserId) await lockMemberForLink(tx, projectId, data.memberUserId, accessUserId);
      const [before] = await tx.$queryRaw<{ name: string; email: string | null; externalId: string | null; memberUserId: string | null; status: AccessUserStatus }[]>`
        SELECT "name", "email", "externalId", "memberUserId", "status" FROM "AccessUser" WHERE "id" = ${accessUserId} AND "projectId" = ${projectId} FOR UPDATE`;
      if (!before) throw new AppError("not_found");
      const changes = Object.fromEntries(
        (Object.entries(data) as [keyof typeof before, unknown][]).filter(([key, value]) => value !== undefined && before[key] !== value),
      ) as Partial<typeof before>;
      if (Object.keys(changes).length === 0) return readDetail(tx, projectId, accessUserId);
      await tx.accessUser.update({ where: { id: accessUserId }, data: changes });
      const { status, memberUserId, ...fields } = changes;
      if (Object.keys(fields).length) await recordAudit(tx, event(actor, context, "access.user_updated", { accessUserId, changed: Object.keys(fields) }));
      if (status) await recordAudit(tx, event(actor, context, status === "suspended" ? "access.user_suspended" : "access.user_reactivated", { accessUserId }));
      if (memberUserId !== undefined) {
        const previous = before.memberUserId ? { previousMemberUserId: before.memberUserId } : {};
        await recordAudit(tx, memberUserId ? event(actor, context, "access.member_linked", { accessUserId, memberUserId, ...previous }) : event(actor, context, "access.member_unlinked", { accessUserId, ...previous }));
      }
      return readDetail(tx, projectId, accessUserId);
    }),
  );
}

/** Deletes the access user with their cards and codes (the schema cascades). */
export async function deleteAccessUser(actor: AccessActor, accessUserId: string, context: RequestContext): Promise<void> {
  assertCan(actor, "users.manage");
  if (!isUuid(accessUserId)) throw new AppError("not_found");
  await db.$transaction(async (tx) => {
    const user = await tx.accessUser.findFirst({
      where: { id: accessUserId, projectId: actor.projectId },
      select: { name: true, externalId: true, _count: { select: { cards: true, codes: true } } },
    });
    if (!user) throw new AppError("not_found");
    const { count } = await tx.accessUser.deleteMany({ where: { id: accessUserId, projectId: actor.projectId } });
    if (count === 0) throw new AppError("not_found");
    await recordAudit(tx, event(actor, context, "access.user_deleted", {
      accessUserId,
      name: user.name,
      ...(user.externalId ? { externalId: user.externalId } : {}),
      cardCount: user._count.cards,
      codeCount: user._count.codes,
    }));
  });
}

/** An access event by this actor in its project, with the API key's id when a key acted. */
export function event(actor: AccessActor, context: RequestContext, type: AuditInput["type"], metadata: Prisma.InputJsonObject, subjectId?: string): AuditInput {
  const { actorId, apiKeyId, subjectId: own } = auditActor(actor);
  return { type, actorId, subjectId: subjectId ?? own, projectId: actor.projectId, metadata: apiKeyId ? { ...metadata, apiKeyId } : metadata, context };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id finds nothing (PostgreSQL would refuse a bad uuid only for uuid columns; these are text). */
export const isUuid = (value: string) => UUID.test(value);

/** Input checked again here: the API and the import call these functions too. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input");
  return parsed.data;
}

/** The unique index on (project, external id) decides between two requests at once. */
async function uniqueExternalId<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("external_id_taken");
    throw error;
  }
}
