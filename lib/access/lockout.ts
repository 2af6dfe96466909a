import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { DOOR_FAILURE_WINDOW_MS, DOOR_LOCK_MS, DOOR_WRONG_CODES_MAX } from "./limits";

/**
 * Wrong codes for one card at one door (DESIGN rule 4): an attempt is claimed in the database
 * BEFORE its code is compared, in one statement that takes the row's lock, so a burst of
 * parallel checks compares no more codes than the limit. The claim that reaches the limit sets
 * the lock itself; a right code then lifts it again (lib/access/door-check.ts), so whether the
 * fifth code was wrong needs no further write.
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
 * Claims one compare for the card at the door: refused while the card is locked there; else the
 * failure count goes up (a new window when the last one has passed), and the claim reaching
 * the limit starts the lock. Returns the count including this attempt.
 */
export async function claimDoorAttempt(doorId: string, card: string, now: Date): Promise<DoorAttemptClaim> {
  const windowAgo = new Date(now.getTime() - DOOR_FAILURE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + DOOR_LOCK_MS);
  const fresh = Prisma.sql`"DoorLockout"."windowStart" <= ${windowAgo}::timestamp(3)`;
  const next = Prisma.sql`(CASE WHEN ${fresh} THEN 1 ELSE "DoorLockout"."failures" + 1 END)`;
  const rows = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "DoorLockout" ("doorId", "card", "windowStart", "failures", "lockedUntil")
    VALUES (${doorId}, ${card}, ${now}::timestamp(3), 1, ${DOOR_WRONG_CODES_MAX <= 1 ? lockUntil : null}::timestamp(3))
    ON CONFLICT ("doorId", "card") DO UPDATE SET
      "failures" = ${next},
      "windowStart" = CASE WHEN ${fresh} THEN ${now}::timestamp(3) ELSE "DoorLockout"."windowStart" END,
      "lockedUntil" = CASE WHEN ${next} >= ${DOOR_WRONG_CODES_MAX} THEN ${lockUntil}::timestamp(3) ELSE NULL END
    WHERE NOT ${lockedSql("DoorLockout", now)}
    RETURNING "failures", "lockedUntil"`;
  const [row] = rows;
  if (row) return { claimed: true, failures: Number(row.failures), lockedUntil: row.lockedUntil };
  return { claimed: false, lockedUntil: await lockedUntilOf(doorId, card) };
}

/** When a refused claim's lock ends (the refusal is rare; the hot path never reads this). */
async function lockedUntilOf(doorId: string, card: string): Promise<Date | null> {
  const row = await db.doorLockout.findUnique({ where: { doorId_card: { doorId, card } }, select: { lockedUntil: true, windowStart: true } });
  return row?.lockedUntil ?? (row ? new Date(row.windowStart.getTime() + DOOR_FAILURE_WINDOW_MS) : null);
}

/** SQL for the facts query: whether the joined lockout row `alias` locks the card at `now`. */
export const lockoutLockedSql = lockedSql;

/** SQL for a right code's statement: the card's failures at the door end, and any lock with them. */
export function resetLockoutSql(doorId: string, card: string, now: Date, gate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`UPDATE "DoorLockout" SET "failures" = 0, "lockedUntil" = NULL, "windowStart" = ${now}::timestamp(3)
    WHERE "doorId" = ${doorId} AND "card" = ${card} AND ${gate} RETURNING 1`;
}
