import { db } from "@/lib/db";
import { decryptSecret, encryptSecret, keyFromEnv } from "@/lib/crypto/secret-box";
import type { PhoneChannel } from "@/lib/sms/phone-text";
import { phoneDeliveryAvailable } from "@/lib/sms/settings";

/** Binds a sealed number to its factor, so a box copied onto another row does not open there. */
export const phoneAad = (factorId: string) => `phone:${factorId}`;

export const PHONE_TYPES = ["sms", "voice"] as const satisfies PhoneChannel[];

export const sealPhone = (factorId: string, e164: string) => encryptSecret(e164, keyFromEnv(), { aad: phoneAad(factorId) });

export const openPhone = (factor: { id: string; phoneEncrypted: string | null }) =>
  factor.phoneEncrypted ? decryptSecret(factor.phoneEncrypted, keyFromEnv(), { aad: phoneAad(factor.id) }) : null;

/** One verified number as the security page shows it (masked: only the last digits). */
export type PhoneView = {
  id: string;
  /** The usual channel: how codes go unless the person asks for the other one. */
  channel: PhoneChannel;
  fallback: boolean;
  hint: string;
  addedAt: Date;
  lastUsedAt: Date | null;
};

/**
 * The person's verified numbers: the main one first, then the fallback. "Last used" is the newest
 * code to the number that passed a sign-in or sudo challenge, so passing one costs no extra write.
 */
export async function listPhones(userId: string): Promise<PhoneView[]> {
  const factors = await db.twoFactorFactor.findMany({
    where: { userId, status: "active", type: { in: [...PHONE_TYPES] } },
    orderBy: [{ fallback: "asc" }, { confirmedAt: "asc" }],
    select: { id: true, type: true, fallback: true, phoneHint: true, confirmedAt: true, createdAt: true, lastUsedAt: true },
  });
  if (factors.length === 0) return [];
  const used = await db.oneTimeCode.groupBy({
    by: ["factorId"],
    where: { userId, factorId: { in: factors.map((factor) => factor.id) }, purpose: { in: ["sign_in", "sudo"] }, usedAt: { not: null } },
    _max: { usedAt: true },
  });
  const lastUse = new Map(used.map((row) => [row.factorId, row._max.usedAt]));
  return factors.map((factor) => ({
    id: factor.id,
    channel: factor.type as PhoneChannel,
    fallback: factor.fallback,
    hint: factor.phoneHint ?? "",
    addedAt: factor.confirmedAt ?? factor.createdAt,
    lastUsedAt: lastUse.get(factor.id) ?? factor.lastUsedAt,
  }));
}

/** What the security page's phone card shows (times as ISO 8601 for the client). */
export type PhoneCardView = {
  /** Codes can be sent here (Twilio, or the outbox outside production). */
  available: boolean;
  phones: { id: string; channel: PhoneChannel; fallback: boolean; hint: string; addedAt: string; lastUsedAt: string | null }[];
  /** A fallback backs up another method: the person has an active factor that is not a fallback number. */
  canAddFallback: boolean;
};

export async function phoneCardView(userId: string): Promise<PhoneCardView> {
  const [phones, backedUp] = await Promise.all([listPhones(userId), db.twoFactorFactor.count({ where: { userId, status: "active", fallback: false } })]);
  return {
    available: phoneDeliveryAvailable(),
    phones: phones.map((phone) => ({ ...phone, addedAt: phone.addedAt.toISOString(), lastUsedAt: phone.lastUsedAt?.toISOString() ?? null })),
    canAddFallback: backedUp > 0,
  };
}
