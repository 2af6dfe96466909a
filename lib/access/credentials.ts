import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { AccessCodeKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { accessCodeDigest, generateAccessCode, openAccessCode, sealAccessCode } from "./codes";
import { assertCan, type AccessActor } from "./permissions";
import { cardInput, codeInput, newCodeInput, type CardInput } from "./schemas";
import { event, isUuid, parse } from "./users";

/**
 * An access user's credentials (Verkada's "Credentials" tab): badge cards, at most one entry
 * code, any number of MFA codes. All need credentials.manage (Access User Admin or Access
 * Credential Manager, or a write key); a member also needs sudo mode, which the guarded path
 * checks (lib/actions/access/credentials.ts). A code is sealed under a row id chosen before the
 * insert and compared by its keyed digest (lib/access/codes.ts); events name the code's kind and
 * length, never the code.
 */

export type NewCode = { code?: string; generateLength?: number };

/** The access user, in the actor's project, locked until the transaction ends (credential writes of one person queue). */
async function lockAccessUser(tx: Tx, projectId: string, accessUserId: string): Promise<void> {
  if (!isUuid(accessUserId)) throw new AppError("not_found");
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "AccessUser" WHERE "id" = ${accessUserId} AND "projectId" = ${projectId} FOR NO KEY UPDATE`;
  if (rows.length === 0) throw new AppError("not_found");
}

/** Adds a badge. card_taken when the project has that card already: the unique index decides between parallel requests. */
export async function addCard(actor: AccessActor, accessUserId: string, input: CardInput, context: RequestContext) {
  assertCan(actor, "credentials.manage");
  const { facilityCode, cardNumber } = parse(cardInput, input);
  const { projectId } = actor;
  try {
    return await db.$transaction(async (tx) => {
      await lockAccessUser(tx, projectId, accessUserId);
      const card = await tx.accessCard.create({
        data: { projectId, accessUserId, facilityCode, cardNumber },
        select: { id: true, facilityCode: true, cardNumber: true, createdAt: true },
      });
      await recordAudit(tx, event(actor, context, "access.card_added", { accessUserId, cardId: card.id, facilityCode, cardNumber }));
      return card;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("card_taken");
    throw error;
  }
}

export async function removeCard(actor: AccessActor, accessUserId: string, cardId: string, context: RequestContext): Promise<void> {
  assertCan(actor, "credentials.manage");
  if (!isUuid(cardId)) throw new AppError("not_found");
  const { projectId } = actor;
  await db.$transaction(async (tx) => {
    await lockAccessUser(tx, projectId, accessUserId);
    const card = await tx.accessCard.findFirst({ where: { id: cardId, accessUserId, projectId }, select: { facilityCode: true, cardNumber: true } });
    if (!card) throw new AppError("not_found");
    await tx.accessCard.delete({ where: { id: cardId } });
    await recordAudit(tx, event(actor, context, "access.card_removed", { accessUserId, cardId, ...card }));
  });
}

/** The typed code (normalised: full-width digits accepted) or a fresh one of the chosen length. */
function codeFrom(input: NewCode): { code: string; generated: boolean } {
  const parsed = parse(newCodeInput, input);
  return parsed.code !== undefined ? { code: parsed.code, generated: false } : { code: generateAccessCode(parsed.generateLength), generated: true };
}

async function insertCode(tx: Tx, projectId: string, accessUserId: string, kind: AccessCodeKind, code: string) {
  const id = crypto.randomUUID();
  const sealed = sealAccessCode(projectId, id, code);
  await tx.accessCode.create({ data: { id, projectId, accessUserId, kind, ...sealed } });
  return { id, length: sealed.length };
}

/** **Add MFA code**: typed or **Generate**d. Returns the code once, so a generated one can be handed over. */
export async function addMfaCode(actor: AccessActor, accessUserId: string, input: NewCode, context: RequestContext): Promise<{ id: string; length: number; code: string }> {
  assertCan(actor, "credentials.manage");
  const { code, generated } = codeFrom(input);
  const { projectId } = actor;
  return db.$transaction(async (tx) => {
    await lockAccessUser(tx, projectId, accessUserId);
    const row = await insertCode(tx, projectId, accessUserId, "mfa", code);
    await recordAudit(tx, event(actor, context, "access.code_added", { accessUserId, accessCodeId: row.id, kind: "mfa", length: row.length, generated }));
    return { ...row, code };
  });
}

/**
 * Sets the one entry code, replacing the one there was, atomically: the access user's row lock
 * queues two requests, and the partial unique index (one entry code per access user) would
 * refuse a second anyway.
 */
export async function setEntryCode(actor: AccessActor, accessUserId: string, input: NewCode, context: RequestContext): Promise<{ id: string; length: number; code: string }> {
  assertCan(actor, "credentials.manage");
  const { code, generated } = codeFrom(input);
  const { projectId } = actor;
  return db.$transaction(async (tx) => {
    await lockAccessUser(tx, projectId, accessUserId);
    const { count: replaced } = await tx.accessCode.deleteMany({ where: { accessUserId, projectId, kind: "entry" } });
    const row = await insertCode(tx, projectId, accessUserId, "entry", code);
    await recordAudit(tx, event(actor, context, "access.code_added", { accessUserId, accessCodeId: row.id, kind: "entry", length: row.length, generated, replaced: replaced > 0 }));
    return { ...row, code };
  });
}

/** The code row of this access user, locked with them. */
async function codeRow(tx: Tx, projectId: string, accessUserId: string, codeId: string) {
  await lockAccessUser(tx, projectId, accessUserId);
  if (!isUuid(codeId)) throw new AppError("not_found");
  const row = await tx.accessCode.findFirst({ where: { id: codeId, accessUserId, projectId }, select: { id: true, kind: true, length: true, sealed: true } });
  if (!row) throw new AppError("not_found");
  return row;
}

/** **Edit** a code: sealed again under the same row id. */
export async function updateAccessCode(actor: AccessActor, accessUserId: string, codeId: string, code: string, context: RequestContext): Promise<void> {
  assertCan(actor, "credentials.manage");
  const value = parse(codeInput, { code }).code;
  const { projectId } = actor;
  await db.$transaction(async (tx) => {
    const row = await codeRow(tx, projectId, accessUserId, codeId);
    const sealed = sealAccessCode(projectId, row.id, value);
    await tx.accessCode.update({ where: { id: row.id }, data: sealed });
    await recordAudit(tx, event(actor, context, "access.code_changed", { accessUserId, accessCodeId: row.id, kind: row.kind, length: sealed.length }));
  });
}

/**
 * **Delete** one code by its id. `kind`: only a code of that kind (the API's "remove an MFA code"
 * must not take the entry code away); another kind is not found.
 */
export async function removeAccessCode(actor: AccessActor, accessUserId: string, codeId: string, context: RequestContext, kind?: AccessCodeKind): Promise<void> {
  assertCan(actor, "credentials.manage");
  const { projectId } = actor;
  await db.$transaction(async (tx) => {
    const row = await codeRow(tx, projectId, accessUserId, codeId);
    if (kind && row.kind !== kind) throw new AppError("not_found");
    await tx.accessCode.delete({ where: { id: row.id } });
    await recordAudit(tx, event(actor, context, "access.code_removed", { accessUserId, accessCodeId: row.id, kind: row.kind, length: row.length, removed: 1 }));
  });
}

/**
 * Verkada's "delete MFA code" endpoint names the code, not an id: every MFA code of this access
 * user equal to it goes (compared by digest). Returns how many; the event says how many, and no
 * event is written when none matched.
 */
export async function removeMfaCodeByValue(actor: AccessActor, accessUserId: string, code: string, context: RequestContext): Promise<number> {
  assertCan(actor, "credentials.manage");
  const value = parse(codeInput, { code }).code;
  const { projectId } = actor;
  return db.$transaction(async (tx) => {
    await lockAccessUser(tx, projectId, accessUserId);
    const { count } = await tx.accessCode.deleteMany({ where: { accessUserId, projectId, kind: "mfa", digest: accessCodeDigest(projectId, value) } });
    if (count > 0) await recordAudit(tx, event(actor, context, "access.code_removed", { accessUserId, kind: "mfa", length: value.length, removed: count }));
    return count;
  });
}

/** **Reveal**: opens one code for the admin, and says so in the audit log first (same transaction). */
export async function revealAccessCode(actor: AccessActor, accessUserId: string, codeId: string, context: RequestContext): Promise<string> {
  assertCan(actor, "credentials.manage");
  const { projectId } = actor;
  return db.$transaction(async (tx) => {
    const row = await codeRow(tx, projectId, accessUserId, codeId);
    let code: string;
    try {
      code = openAccessCode(row);
    } catch (error) {
      if (error instanceof SecretBoxError) throw new AppError("secret_unreadable");
      throw error;
    }
    await recordAudit(tx, event(actor, context, "access.code_revealed", { accessUserId, accessCodeId: row.id, kind: row.kind, length: row.length }));
    return code;
  });
}
