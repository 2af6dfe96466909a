import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSudo, WEBAUTHN_CHALLENGE_TTL_MS, type Actor } from "@/lib/policy";
import { notifyFactorAdded, passFactorInSession, recordFactorAdded } from "../factor-changes";
import { giveFirstRecoverySet } from "../recovery-set";
import { consumeWebAuthnChallenge, storeWebAuthnChallenge } from "./challenges";
import { assertKeyNameFree } from "./key-names";
import { relyingParty } from "./relying-party";
import { parseAttestation, signedChallenge } from "./responses";

/** The user handle a passkey keeps: the account's id, the same for every key, so a passkey made again on one device replaces the old one there. */
const userHandle = (userId: string) => new TextEncoder().encode(userId);

/**
 * Options for the browser to create a credential (navigator.credentials.create), in sudo mode:
 * security keys and passkeys alike (a discoverable credential preferred, user verification
 * preferred), no attestation, the person's keys excluded so one key is not registered twice.
 * The name is checked first, so a taken one is refused before the person touches the key.
 */
export async function startKeyRegistration(actor: Actor, input: { name: string }, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { userId } = actor;
  await requireSudo(actor, now);
  await assertKeyNameFree(db, userId, input.name);
  const [user, keys] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } }),
    db.twoFactorFactor.findMany({ where: { userId, type: "webauthn" }, select: { credentialId: true, transports: true } }),
  ]);
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userID: userHandle(userId),
    userDisplayName: user.name,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: keys.flatMap((key) => (key.credentialId ? [{ id: key.credentialId, transports: key.transports }] : [])),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeWebAuthnChallenge({ ...actor, purpose: "register" }, options.challenge, now);
  return options;
}

/**
 * Verifies the browser's new credential and stores it as an active key: the ceremony is the
 * proof, so there is no confirmation step. The challenge is used up before the answer is
 * verified. Stored with its counter, transports, AAGUID and backup flags ("multiDevice" is a
 * passkey that may be synced), together with the factor-added writes and, when the person has
 * no recovery codes yet, a new set (returned, shown once), in one transaction.
 * Throws "sudo_required", "key_name_taken", "enrolment_expired", "key_not_verified", "key_already_registered".
 */
export async function finishKeyRegistration(
  actor: Actor,
  input: { name: string; response: string },
  context: RequestContext,
  now = new Date(),
): Promise<{ factorId: string; recoveryCodes: string[] | null }> {
  const { userId } = actor;
  await requireSudo(actor, now);
  await assertKeyNameFree(db, userId, input.name);
  const response = parseAttestation(input.response);
  const challenge = response && signedChallenge(response.response.clientDataJSON);
  if (!response || !challenge) throw new AppError("key_not_verified");
  if (!(await consumeWebAuthnChallenge({ ...actor, purpose: "register" }, challenge, now))) throw new AppError("enrolment_expired");

  const rp = relyingParty();
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    // A second factor after the password: presence is enough, a PIN or fingerprint is welcome.
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) {
    await recordAudit(db, { type: "two_factor.enrolment_failed", outcome: "failure", actorId: userId, metadata: { factor: "webauthn" }, context });
    throw new AppError("key_not_verified");
  }
  const info = verified.registrationInfo;
  try {
    const added = await db.$transaction(async (tx) => {
      // The person's row first (as recordFactorAdded locks it): two keys named alike at once wait here.
      await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR NO KEY UPDATE`;
      await assertKeyNameFree(tx, userId, input.name);
      const factor = await tx.twoFactorFactor.create({
        data: {
          userId,
          type: "webauthn",
          status: "active",
          name: input.name,
          createdAt: now,
          confirmedAt: now,
          credentialId: info.credential.id,
          publicKey: new Uint8Array(info.credential.publicKey),
          signCount: BigInt(info.credential.counter),
          transports: info.credential.transports ?? [],
          aaguid: info.aaguid,
          backupEligible: info.credentialDeviceType === "multiDevice",
          backedUp: info.credentialBackedUp,
        },
        select: { id: true },
      });
      const { first } = await recordFactorAdded(tx, { userId, factorId: factor.id, type: "webauthn", name: input.name }, context, now);
      return { factorId: factor.id, first };
    });
    await passFactorInSession(actor, "webauthn", now);
    const recoveryCodes = await giveFirstRecoverySet(userId, context);
    await notifyFactorAdded(userId, { type: "webauthn", name: input.name }, added.first);
    return { factorId: added.factorId, recoveryCodes };
  } catch (error) {
    // The credential ID is unique: this key is already someone's (excludeCredentials keeps the person's own out).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("key_already_registered");
    throw error;
  }
}
