import type { z } from "zod";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { RequestContext } from "@/lib/http/request-context";
import type { Challenge } from "../attempts";

/**
 * What a typed or sent proof is: no match, a match that was already used (not a guess: an
 * honest double submit, or a request that lost a race), or a fresh match with the
 * compare-and-set that claims it: an `UPDATE … RETURNING 1`, only while `gate` holds, that the
 * winning statement runs first (lib/mfa/verify-second-factor.ts). Only the claim decides: two
 * requests may both see "fresh".
 */
export type Match = { kind: "none" } | { kind: "used" } | { kind: "fresh"; claim: (now: Date, gate: Prisma.Sql) => Prisma.Sql };
export const NO_MATCH: Match = { kind: "none" };

/**
 * One way to pass a second-factor challenge. The registry (./index.ts) holds one module per
 * method; lib/mfa/verify-second-factor.ts knows none of them by name. A later method (a phone,
 * a security key) is one more module whose proof may be an assertion instead of a code.
 */
export type FactorModule<Proof extends { method: string }> = {
  method: Proof["method"];
  /** A real second factor (rule: email login verification never counts as one). */
  real: boolean;
  /** The sign-in step it answers: a factor the person enrolled, the emailed code, or support's temporary access code. */
  signInStep: "two_factor" | "email_code" | "temporary_code";
  /** Whether it can confirm sudo for a person with a real factor. */
  grantsSudo: boolean;
  /**
   * A weak channel (SMS, voice: SIM swap, interception): rule 6, it does not confirm sudo when
   * the person has a stronger factor (lib/mfa/verify-second-factor.ts asks `hasStrongerFactor`).
   */
  weak?: boolean;
  /** How the challenge orders the methods when no preferred one is set: strongest first. */
  strength: number;
  /** Accepted while the person's factor is suspended after 100 wrong codes in a row, and lifts it. */
  liftsSuspension: boolean;
  /** The proof's fields as a form sends them (its messages are message keys). */
  schema: z.ZodType<Proof>;
  match: (input: { userId: string; challenge: Challenge; proof: Proof; now: Date }) => Promise<Match>;
  /** Writes in the winning transaction after the proof was claimed; what it returns joins the result. */
  afterPass?: (tx: Tx, input: { userId: string; purpose: string; context: RequestContext }) => Promise<{ recoveryRemaining?: number }>;
};
