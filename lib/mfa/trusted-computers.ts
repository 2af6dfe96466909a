import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import type { FactorType } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { notifyUser } from "@/lib/email/notify";
import { getEnv } from "@/lib/env";
import { afterResponse } from "@/lib/http/after-response";
import type { RequestContext } from "@/lib/http/request-context";
import { parseDevice } from "@/lib/http/user-agent";
import { TRUST_TTL_MS } from "@/lib/policy";

/**
 * "Once per computer": after a passed challenge the browser holds a random 256-bit token, signed
 * with a key derived from AUTH_SECRET; the server keeps only the token's SHA-256 with a
 * revocable record. Each use swaps the token for a new one in one compare-and-set, so a copy
 * taken from the browser dies at the owner's next sign-in, and two uses of one token never
 * both succeed. Trust lasts 30 days from the challenge, never extended by use.
 * These functions take and return the cookie's value; route handlers and actions move it
 * (lib/http/trust-cookie.ts).
 */

let signingKey: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  if (signingKey?.secret !== secret) {
    signingKey = { secret, key: Buffer.from(crypto.hkdfSync("sha256", secret, Buffer.alloc(0), "tessera/trusted-computer/v1", 32)) };
  }
  return signingKey.key;
}

const sign = (token: string) => crypto.createHmac("sha256", key()).update(token).digest("base64url");
const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
const COOKIE_VALUE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/** A new token and the cookie value that carries it. */
function newTrustToken(): { value: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { value: `${token}.${sign(token)}`, tokenHash: hashToken(token) };
}

/** The stored hash a cookie value names, or null when the value is not one we signed (checked in constant time). */
export function trustTokenHash(value: string | null | undefined): string | null {
  const match = value ? COOKIE_VALUE.exec(value) : null;
  if (!match) return null;
  const [, token, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(token));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? hashToken(token) : null;
}

/** What a route handler needs to set the cookie: its value and when the trust ends. */
export type TrustCookie = { value: string; expiresAt: Date };

/**
 * Trusts this browser after a passed sign-in challenge at level "once per computer": a record
 * with its browser, system, address, first use and the factor `method` that was passed (a trust
 * a text or call earned does not meet Secure methods only), expiring 30 days from now exactly;
 * an audit event in the same transaction; an email to the person once the answer has gone out.
 */
export async function trustComputer(userId: string, method: FactorType, context: RequestContext, now = new Date()): Promise<TrustCookie & { id: string }> {
  const { value, tokenHash } = newTrustToken();
  const expiresAt = new Date(now.getTime() + TRUST_TTL_MS);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.trustedComputer.create({
      data: { userId, tokenHash, method, ip: context.ip, userAgent: context.userAgent, ...parseDevice(context.userAgent), createdAt: now, lastUsedAt: now, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, { type: "trusted_computer.added", actorId: userId, metadata: { trustedComputerId: row.id, method, expiresAt: expiresAt.toISOString() }, context });
    return row;
  });
  await afterResponse(() => notifyUser(userId, { template: "computer-trusted", props: { at: now, userAgent: context.userAgent, ip: context.ip, until: expiresAt } }));
  return { id: created.id, value, expiresAt };
}

/**
 * Uses this browser's trust at a sign-in whose password was right, inside the sign-in's
 * transaction: ONE statement swaps the token for a new one only while the record is the
 * person's, unrevoked and unexpired, and notes the last use. Returns the new cookie, or null
 * when the value names no live trust of this person (forged, rotated away, revoked, expired).
 * `method`: the factor that earned the trust (null on rows from before it was kept).
 */
export async function redeemTrustedComputer(
  tx: Tx,
  userId: string,
  cookieValue: string | null | undefined,
  context: RequestContext,
  now = new Date(),
): Promise<(TrustCookie & { id: string; method: FactorType | null }) | null> {
  const oldHash = trustTokenHash(cookieValue);
  if (!oldHash) return null;
  const { value, tokenHash } = newTrustToken();
  const { browserName, osName } = parseDevice(context.userAgent);
  const [row] = await tx.$queryRaw<{ id: string; expiresAt: Date; method: FactorType | null }[]>`
    UPDATE "TrustedComputer"
    SET "tokenHash" = ${tokenHash}, "lastUsedAt" = ${now}::timestamp(3), "ip" = ${context.ip}::text, "userAgent" = ${context.userAgent}::text,
        "browserName" = ${browserName}::text, "osName" = ${osName}::text
    WHERE "tokenHash" = ${oldHash} AND "userId" = ${userId} AND "revokedAt" IS NULL AND "expiresAt" > ${now}::timestamp(3)
    RETURNING "id", "expiresAt", "method"::text AS "method"`;
  return row ? { id: row.id, value, expiresAt: row.expiresAt, method: row.method } : null;
}

/** Why every trusted computer ended, for the audit event. */
export type RevokeAllReason = "user" | "level_disabled" | "two_factor_disabled" | "two_factor_reset" | "password_changed" | "password_change_required" | "password_reset" | "factor_removed" | "not_me";

/**
 * Ends every live trusted computer of the person, inside the caller's transaction (a password
 * change or reset, 2FA off, level Disabled, the last factor removed): one event with the count,
 * none when there was nothing to end. Returns the count.
 */
export async function revokeAllTrustedComputers(
  tx: Tx,
  userId: string,
  now = new Date(),
  audit: { reason: RevokeAllReason; context?: RequestContext } = { reason: "user" },
): Promise<number> {
  const { count } = await tx.trustedComputer.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  if (count > 0) {
    await recordAudit(tx, { type: "trusted_computer.revoked", actorId: userId, metadata: { count, reason: audit.reason }, context: audit.context });
  }
  return count;
}

/** Ends one of the person's trusted computers (the where clause keeps it to their own). False when there was none live. */
export async function revokeTrustedComputer(userId: string, trustedComputerId: string, context: RequestContext, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.trustedComputer.updateMany({
      where: { id: trustedComputerId, userId, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    if (count === 1) {
      await recordAudit(tx, { type: "trusted_computer.revoked", actorId: userId, metadata: { trustedComputerId, count: 1, reason: "user" }, context });
    }
    return count === 1;
  });
}

/** "Revoke all" on the security page. */
export function revokeEveryTrustedComputer(userId: string, context: RequestContext, now = new Date()): Promise<number> {
  return db.$transaction((tx) => revokeAllTrustedComputers(tx, userId, now, { reason: "user", context }));
}

/** The person's live trusted computers, last used first; `current` marks the one this browser's cookie names. */
export async function listTrustedComputers(userId: string, cookieValue: string | null | undefined, now = new Date()) {
  const rows = await db.trustedComputer.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastUsedAt: "desc" },
    select: { id: true, tokenHash: true, browserName: true, osName: true, userAgent: true, ip: true, createdAt: true, lastUsedAt: true, expiresAt: true },
  });
  const mine = trustTokenHash(cookieValue);
  return rows.map(({ tokenHash, ...row }) => ({ ...row, current: tokenHash === mine }));
}
