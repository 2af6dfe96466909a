import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { WEBAUTHN_CHALLENGE_TTL_MS } from "@/lib/policy/limits";
import { storeWebAuthnChallenge, type ChallengeOwner } from "./challenges";
import { relyingParty } from "./relying-party";

/**
 * Options for the browser to ask one of the person's keys (navigator.credentials.get) at the
 * sign-in challenge or the sudo prompt: their keys as allowCredentials, and a challenge bound to
 * this session and purpose for 5 minutes. Throws "factor_not_found" when they have no key.
 */
export async function securityKeyOptions(
  owner: ChallengeOwner & { purpose: "sign_in" | "sudo" },
  now = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const keys = await db.twoFactorFactor.findMany({
    where: { userId: owner.userId, type: "webauthn", status: "active" },
    select: { credentialId: true, transports: true },
  });
  if (keys.length === 0) throw new AppError("factor_not_found");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: keys.flatMap((key) => (key.credentialId ? [{ id: key.credentialId, transports: key.transports }] : [])),
    userVerification: "preferred",
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  await storeWebAuthnChallenge(owner, options.challenge, now);
  return options;
}
