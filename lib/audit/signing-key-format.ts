import crypto, { type KeyObject } from "node:crypto";

/**
 * AUDIT_SIGNING_KEY's two accepted spellings, with no dependency on the environment (lib/env
 * validates with it): an Ed25519 private key as PKCS#8 PEM (`openssl genpkey -algorithm ed25519`),
 * or the base64 of its 32-byte seed (`openssl rand -base64 32`).
 */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function parseAuditSigningKey(value: string): KeyObject {
  const text = value.trim();
  if (text.startsWith("-----BEGIN")) {
    const key = crypto.createPrivateKey(text.replace(/\\n/g, "\n"));
    if (key.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 key");
    return key;
  }
  const seed = Buffer.from(text, "base64");
  if (seed.length !== 32 || seed.toString("base64").replace(/=+$/, "") !== text.replace(/=+$/, "")) {
    throw new Error("not 32 bytes of base64");
  }
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

export function isAuditSigningKey(value: string): boolean {
  try {
    parseAuditSigningKey(value);
    return true;
  } catch {
    return false;
  }
}

/** A new key as the base64 of its seed (development's generated key). */
export function generateAuditSigningSeed(): string {
  return crypto.randomBytes(32).toString("base64");
}
