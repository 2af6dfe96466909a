import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { DOOR_FAILURE_WINDOW_MS, DOOR_LOCK_MS, DOOR_WRONG_CODES_MAX } from "./limits";

/**
 * Wrong codes for one card at one door (DESIGN rule 4): an attempt is claimed in the database
 * in the same statement that compares its code, under the lockout row's lock, so a burst of
 * parallel checks compares no more codes than the limit. The claim is an upsert that takes the
 * row's lock and, holding it, decides on the row's latest version: refused while the card is
 * locked (no row returned, nothing of the code told or written); else a wrong code counts (a new
 * window when the last one has passed, and the claim reaching the limit starts the lock) and a
 * right code ends the count and any lock. One write, one commit per compared check.
 */

export type DoorAttemptClaim = { claimed: true; failures: number; lockedUntil: Date | null } | { claimed: false; lockedUntil: Date | null };

/** The lockout row's key for a card: "<facilityCode>:<cardNumber>" (an unknown card has no row of its own to point at). */
export const lockoutCard = (facilityCode: number, cardNumber: number) => `${facilityCode}:${cardNumber}`;

/** SQL: this row locks the card now (the lock set, or the limit reached in the window while the last claim compares). */
const lockedSql = (row: string, now: Date) => {
  const t = Prisma.raw(`"${row}"`);
  const windowAgo = new Date(now.getTime() - DOOR_FAILURE_WINDOW_MS);
  return Prisma.sql`((${t}."lockedUntil" IS NOT NULL AND ${t}."lockedUntil" > ${now}::timestamp(3))
    OR (${t}."windowStart" > ${windowAgo}::timestamp(3) AND ${t}."failures" >= ${DOOR_WRONG_CODES_MAX}))`;
};

/**
 * SQL for the claim of one compare, as a data-modifying CTE: `right` is a boolean SQL expression,
 * whether the code matches (read-only; its answer is used only where this claim holds). Returns
 * "failures" and "lockedUntil" after the attempt and "right" (failures 0 and no lock after a right
 * code), or no row when the card is locked at the door. The claim that reaches the limit has
 * exactly DOOR_WRONG_CODES_MAX failures: a claim is refused from the limit on while the window
 * lasts, and a passed window starts again at 1.
 */
export function claimAttemptSql(doorId: string, card: string, now: Date, right: Prisma.Sql): Prisma.Sql {
  const windowAgo = new Date(now.getTime() - DOOR_FAILURE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + DOOR_LOCK_MS);
  const fresh = Prisma.sql`"DoorLockout"."windowStart" <= ${windowAgo}::timestamp(3)`;
  const next = Prisma.sql`(CASE WHEN ${fresh} THEN 1 ELSE "DoorLockout"."failures" + 1 END)`;
  const firstLock = DOOR_WRONG_CODES_MAX <= 1 ? Prisma.sql`CASE WHEN a."right" THEN NULL ELSE ${lockUntil}::timestamp(3) END` : Prisma.sql`NULL::timestamp(3)`;
  // EXCLUDED carries this attempt's answer into the conflict branch: failures 0 is a right code.
  const wasRight = Prisma.sql`EXCLUDED."failures" = 0`;
  return Prisma.sql`
    INSERT INTO "DoorLockout" ("doorId", "card", "windowStart", "failures", "lockedUntil")
    SELECT ${doorId}, ${card}, ${now}::timestamp(3), CASE WHEN a."right" THEN 0 ELSE 1 END, ${firstLock}
    FROM (SELECT ${right} AS "right") AS a
    ON CONFLICT ("doorId", "card") DO UPDATE SET
      "failures" = CASE WHEN ${wasRight} THEN 0 ELSE ${next} END,
      "windowStart" = CASE WHEN ${wasRight} OR ${fresh} THEN ${now}::timestamp(3) ELSE "DoorLockout"."windowStart" END,
      "lockedUntil" = CASE WHEN NOT ${wasRight} AND ${next} >= ${DOOR_WRONG_CODES_MAX} THEN ${lockUntil}::timestamp(3) ELSE NULL END
    WHERE NOT ${lockedSql("DoorLockout", now)}
    RETURNING "failures", "lockedUntil", ("failures" = 0) AS "right"`;
}

/** When a refused claim's lock ends (the refusal is rare; the hot path never reads this). */
export async function lockedUntilOf(doorId: string, card: string): Promise<Date | null> {
  const row = await db.doorLockout.findUnique({ where: { doorId_card: { doorId, card } }, select: { lockedUntil: true, windowStart: true } });
  return row?.lockedUntil ?? (row ? new Date(row.windowStart.getTime() + DOOR_FAILURE_WINDOW_MS) : null);
}

/** SQL for the facts query: whether the joined lockout row `alias` locks the card at `now`. */
export const lockoutLockedSql = lockedSql;
