import { z } from "zod";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { KEY_NAME_MAX } from "@/lib/policy/limits";

/**
 * A key's name as the person types it: trimmed, 1 to 64 characters. Names are unique per
 * person, ignoring case: the challenge's "Try another way", the list and the security log
 * name keys by it, and two keys called "YubiKey" could not be told apart there.
 */
export const keyNameSchema = z
  .string()
  .trim()
  .min(1, "validation.enterKeyName")
  .max(KEY_NAME_MAX, "validation.keyNameTooLong")
  // Control characters and bidirectional overrides could make one name look like another.
  .refine((name) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(name), "validation.keyNameInvalid");

/** Throws "key_name_taken" when another of the person's keys has this name (any case). */
export async function assertKeyNameFree(tx: Tx, userId: string, name: string, exceptId?: string): Promise<void> {
  const taken = await tx.twoFactorFactor.count({
    where: { userId, type: "webauthn", name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (taken > 0) throw new AppError("key_name_taken");
}
