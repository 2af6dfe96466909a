import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Challenge } from "../attempts";
import { checkAssertion, claimKeySql, consumeAndFindKey, counterAdvances } from "../webauthn/assertions";
import { wasChallengeUsed, type ChallengeOwner } from "../webauthn/challenges";
import { parseAssertion, signedChallenge, WEBAUTHN_RESPONSE_MAX } from "../webauthn/responses";
import { NO_MATCH, type FactorModule } from "./types";

/**
 * A security key or passkey's answer: `response` is the browser's AuthenticationResponseJSON as
 * a string. `code` is always empty: lib/mfa/verify-second-factor.ts trims every proof's `code`
 * today, so this proof carries one until that line passes a proof without one untouched (then
 * `code` goes and `response` becomes required).
 */
export type WebAuthnProof = { method: "webauthn"; response?: string; code: string };

const owner = (userId: string, challenge: Challenge): ChallengeOwner | null =>
  challenge.kind === "password_reset" ? null : { userId, sessionId: challenge.sessionId, purpose: challenge.kind };

/**
 * A security key (WebAuthn). The challenge it signs is used up before anything is verified; the
 * signature must be for this site's origin and RP ID; the signature counter must grow (a cloned
 * key's does not: refused and logged); the claim moves the counter forward only from the value
 * checked, so racing requests agree on one winner.
 */
export const webauthnFactor: FactorModule<WebAuthnProof> = {
  method: "webauthn",
  real: true,
  signInStep: "two_factor",
  strength: 3,
  grantsSudo: true,
  liftsSuspension: false,
  schema: z.object({
    method: z.literal("webauthn"),
    response: z.string().min(1, "validation.useSecurityKey").max(WEBAUTHN_RESPONSE_MAX, "validation.useSecurityKey"),
    code: z.literal("").default(""),
  }),
  async match({ userId, challenge, proof, now }) {
    const asked = owner(userId, challenge);
    const assertion = parseAssertion(proof.response);
    const signed = assertion && signedChallenge(assertion.response.clientDataJSON);
    if (!asked || !assertion || !signed) return NO_MATCH;
    const { consumed, key } = await consumeAndFindKey(asked, signed, assertion.id, now);
    if (!key) return NO_MATCH;
    const report = await checkAssertion(assertion, signed, key);
    if (!report) return NO_MATCH;
    // A right answer whose challenge was already used: sent twice, or a request that lost a race.
    if (!consumed) return (await wasChallengeUsed(asked, signed)) ? { kind: "used" } : NO_MATCH;
    // The backup-eligible flag is fixed when a credential is made (WebAuthn §6.1.3): a change is not the key registered.
    if (key.backupEligible !== null && report.backupEligible !== key.backupEligible) return NO_MATCH;
    if (!counterAdvances(key.signCount, report.counter)) {
      await recordAudit(db, {
        type: "two_factor.webauthn_counter_regression",
        outcome: "failure",
        actorId: userId,
        metadata: { factorId: key.id, name: key.name ?? "", stored: key.signCount.toString(), received: report.counter.toString(), purpose: challenge.kind },
      });
      return NO_MATCH;
    }
    return { kind: "fresh", claim: (at, gate) => claimKeySql(key, report, at, gate) };
  },
};
