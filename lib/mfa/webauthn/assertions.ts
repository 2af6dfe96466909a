import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { consumeChallengeSql, type ChallengeOwner } from "./challenges";
import { relyingParty } from "./relying-party";

/** A registered key as an assertion is checked against it. */
export type StoredKey = {
  id: string;
  name: string | null;
  credentialId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  signCount: bigint;
  transports: string[];
  backupEligible: boolean | null;
};

/**
 * ONE statement: uses up the challenge the browser signed (if it is this owner's and live)
 * and finds the person's active key the answer names. The challenge goes first and whatever
 * the key: a second request with the same answer finds it used. A credential of another person
 * is not found (the key is looked up among this person's only).
 */
export async function consumeAndFindKey(
  owner: ChallengeOwner,
  challenge: string,
  credentialId: string,
  now: Date,
): Promise<{ consumed: boolean; key: StoredKey | null }> {
  const [row] = await db.$queryRaw<(Partial<StoredKey> & { consumed: boolean })[]>`
    WITH consumed AS (${consumeChallengeSql(owner, challenge, now)})
    SELECT EXISTS (SELECT 1 FROM consumed) AS "consumed", f."id", f."name", f."credentialId", f."publicKey", f."signCount", f."transports", f."backupEligible"
    FROM (SELECT 1) AS one
    LEFT JOIN "TwoFactorFactor" f
      ON f."userId" = ${owner.userId} AND f."type" = 'webauthn' AND f."status" = 'active' AND f."credentialId" = ${credentialId}`;
  if (!row?.id || !row.credentialId || !row.publicKey) return { consumed: !!row?.consumed, key: null };
  return {
    consumed: row.consumed,
    key: {
      id: row.id,
      name: row.name ?? null,
      credentialId: row.credentialId,
      publicKey: new Uint8Array(row.publicKey),
      signCount: BigInt(row.signCount ?? 0),
      transports: row.transports ?? [],
      backupEligible: row.backupEligible ?? null,
    },
  };
}

/** What a verified answer reports about the authenticator. */
export type AssertionReport = { counter: bigint; backupEligible: boolean; backedUp: boolean };

/**
 * Verifies the signature over `challenge`, this site's origin and RP ID with the key's public
 * key. Null when anything does not verify (another origin, another RP ID, a bad signature, a
 * malformed answer). The counter is left to the caller: it is checked against the stored one
 * in the claim (lib/mfa/factors/webauthn.ts), so the library is handed 0 and never refuses on it.
 */
export async function checkAssertion(assertion: AuthenticationResponseJSON, challenge: string, key: StoredKey): Promise<AssertionReport | null> {
  const rp = relyingParty();
  try {
    const { verified, authenticationInfo: info } = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: key.credentialId, publicKey: key.publicKey, counter: 0, transports: key.transports },
      // A second factor after the password: presence is enough (DESIGN: userVerification "preferred").
      requireUserVerification: false,
    });
    if (!verified) return null;
    return { counter: BigInt(info.newCounter), backupEligible: info.credentialDeviceType === "multiDevice", backedUp: info.credentialBackedUp };
  } catch {
    return null;
  }
}

/**
 * The counter rule (WebAuthn §6.1.1): when either counter is non-zero, the new one must be
 * larger; one that does not grow means a cloned authenticator. Passkeys that always report 0
 * stay at 0 and pass.
 */
export function counterAdvances(stored: bigint, received: bigint): boolean {
  return (stored === 0n && received === 0n) || received > stored;
}

/** The compare-and-set that claims the key: its counter moves forward only from the value checked. */
export function claimKeySql(key: StoredKey, report: AssertionReport, at: Date, gate: Prisma.Sql): Prisma.Sql {
  const next = report.counter;
  return Prisma.sql`
    UPDATE "TwoFactorFactor" SET "signCount" = ${next}::bigint, "backedUp" = ${report.backedUp}, "lastUsedAt" = ${at}::timestamp(3)
    WHERE "id" = ${key.id} AND "status" = 'active'
      AND (${next}::bigint = 0 AND COALESCE("signCount", 0) = 0 OR COALESCE("signCount", 0) < ${next}::bigint) AND ${gate}
    RETURNING 1`;
}
