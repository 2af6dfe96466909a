import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

/**
 * The browser's answers (startRegistration / startAuthentication in @simplewebauthn/browser),
 * read from the JSON a form posts. Anything that is not their shape is no answer: the caller
 * treats it like a wrong code, never as a crash.
 */

/** The most a form may post for one answer (an assertion is well under 2 KB; attestations with certificates are larger). */
export const WEBAUTHN_RESPONSE_MAX = 16 * 1024;

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
// A credential ID is at most 1023 bytes (WebAuthn §5.1), 1364 characters of base64url.
const credentialId = base64url.min(1).max(1364);

const common = {
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

const assertionSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url.min(1),
    authenticatorData: base64url.min(1),
    signature: base64url.min(1),
    userHandle: base64url.optional(),
  }),
});

const attestationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url.min(1),
    attestationObject: base64url.min(1),
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

function parseJson<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  if (!text || text.length > WEBAUTHN_RESPONSE_MAX) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const parseAssertion = (text: string | undefined) => parseJson(assertionSchema, text) as AuthenticationResponseJSON | null;
export const parseAttestation = (text: string | undefined) => parseJson(attestationSchema, text) as RegistrationResponseJSON | null;

/**
 * The challenge the browser says it signed (clientDataJSON.challenge), to find the stored one
 * by. Only a lookup key: the signature over it is what proves anything.
 */
export function signedChallenge(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (data as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}
