import { z } from "zod";
import { emailCodeFactor, type EmailCodeProof } from "./email-code";
import { smsFactor, voiceFactor, type PhoneProof } from "./phone";
import { recoveryCodeFactor, type RecoveryCodeProof } from "./recovery-code";
import { temporaryAccessCodeFactor, type TemporaryAccessCodeProof } from "./temporary-access-code";
import { totpFactor, type TotpProof } from "./totp";
import { webauthnFactor, type WebAuthnProof } from "./webauthn";
import type { FactorModule } from "./types";

/** The one list of second-factor methods. Adding a method is adding its module here. */
export const FACTORS = {
  totp: totpFactor,
  recovery_code: recoveryCodeFactor,
  email_code: emailCodeFactor,
  webauthn: webauthnFactor,
  sms: smsFactor,
  voice: voiceFactor,
  temporary_access_code: temporaryAccessCodeFactor,
} as const;

export type FactorMethod = keyof typeof FACTORS;
export const FACTOR_METHODS = Object.keys(FACTORS) as FactorMethod[];

/** What a challenge receives: the method and its structured proof (a code today; an assertion for a security key). */
export type FactorProof = TotpProof | RecoveryCodeProof | EmailCodeProof | WebAuthnProof | PhoneProof<"sms"> | PhoneProof<"voice"> | TemporaryAccessCodeProof;

/** The module for a proof's method, typed for any proof (its matcher reads only its own kind). */
export function factorFor(method: FactorMethod): FactorModule<FactorProof> {
  return FACTORS[method] as unknown as FactorModule<FactorProof>;
}

/** Methods that can confirm sudo for a person with a real second factor (rule 6). */
export const SUDO_FACTOR_METHODS = FACTOR_METHODS.filter((method) => FACTORS[method].grantsSudo) as [FactorMethod, ...FactorMethod[]];

/** A form's proof for any of `methods`, as one schema discriminated by `method`. */
export function proofSchema<M extends FactorMethod>(methods: readonly M[]) {
  const [first, ...rest] = methods.map((method) => FACTORS[method].schema);
  return z.discriminatedUnion("method", [first, ...rest] as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<Extract<FactorProof, { method: M }>>;
}
