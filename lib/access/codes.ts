import crypto from "node:crypto";
import { z } from "zod";
import { decryptSecret, deriveKey, encryptSecret, keyFromEnv } from "@/lib/crypto/secret-box";
import { ACCESS_CODE_DEFAULT_LENGTH, ACCESS_CODE_MAX, ACCESS_CODE_MIN } from "./code-rules";

export { ACCESS_CODE_DEFAULT_LENGTH, ACCESS_CODE_MAX, ACCESS_CODE_MIN, accessCodeSchema, normaliseAccessCode } from "./code-rules";

/**
 * Door-keypad codes at rest (DESIGN rule 11). 4 to 16 digits is too little entropy for a password
 * hash to protect, so a code is:
 * - sealed with the at-rest key (AES-256-GCM, lib/crypto/secret-box.ts), its AAD naming the row,
 *   so Reveal can show it and a box copied to another row does not open;
 * - and digested with a keyed hash (HMAC-SHA256 under a sub-key of the same key, bound to the
 *   project), which a door check compares without opening any box.
 * Neither the code nor its digest goes into a log, an audit event or an error.
 */

const lengthSchema = z.number().int().min(ACCESS_CODE_MIN).max(ACCESS_CODE_MAX);

/** A random code of `length` digits from the CSPRNG, each digit uniform (crypto.randomInt). */
export function generateAccessCode(length: number = ACCESS_CODE_DEFAULT_LENGTH): string {
  lengthSchema.parse(length);
  let code = "";
  for (let i = 0; i < length; i++) code += String(crypto.randomInt(10));
  return code;
}

let digestKey: Buffer | null = null;
const keyForDigests = () => (digestKey ??= deriveKey(keyFromEnv(), "access-code/v1"));

/** The keyed hash a door check compares: equal codes in one project give equal digests. */
export function accessCodeDigest(projectId: string, code: string): string {
  return crypto.createHmac("sha256", keyForDigests()).update(`${projectId}\0${code}`).digest("base64url");
}

const aad = (codeId: string) => `access-code:${codeId}`;

/** What an AccessCode row stores for `code`; `codeId` is the row's id, chosen before the insert. */
export function sealAccessCode(projectId: string, codeId: string, code: string): { sealed: string; digest: string; length: number } {
  return { sealed: encryptSecret(code, keyFromEnv(), { aad: aad(codeId) }), digest: accessCodeDigest(projectId, code), length: code.length };
}

/** Reveal: the code of a row (throws SecretBoxError when ENCRYPTION_KEY changed or the row was tampered with). */
export function openAccessCode(row: { id: string; sealed: string }): string {
  return decryptSecret(row.sealed, keyFromEnv(), { aad: aad(row.id) });
}
