import crypto, { type KeyObject } from "node:crypto";
import { getEnv } from "@/lib/env";
import { parseAuditSigningKey } from "./signing-key-format";

/**
 * The key that signs the chain's checkpoints (AUDIT_SIGNING_KEY, Ed25519; generated and kept
 * under DATA_DIR in development like ENCRYPTION_KEY, required in production). Its public half
 * verifies checkpoints and bundles; its fingerprint (keyId) is shown in the console so a person
 * can compare it with the one a bundle names.
 */
export type AuditPublicKey = { publicKey: KeyObject; publicKeyPem: string; keyId: string };
export type AuditSigningKey = AuditPublicKey & { privateKey: KeyObject };

/** SHA-256 of the raw 32-byte public key, hex. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  return crypto.createHash("sha256").update(raw).digest("hex");
}

export function publicKeyFromPem(pem: string): AuditPublicKey {
  const publicKey = crypto.createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== "ed25519") throw new Error("The public key is not an Ed25519 key");
  return { publicKey, publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(), keyId: keyIdOf(publicKey) };
}

export function signingKeyFrom(value: string): AuditSigningKey {
  const privateKey = parseAuditSigningKey(value);
  const publicKey = crypto.createPublicKey(privateKey);
  return { privateKey, ...publicKeyFromPem(publicKey.export({ format: "pem", type: "spki" }).toString()) };
}

const holder = globalThis as { tesseraAuditKey?: { source: string; key: AuditSigningKey } };

/** The configured key (parsed once per value). */
export function auditSigningKey(): AuditSigningKey {
  const source = getEnv().AUDIT_SIGNING_KEY;
  if (holder.tesseraAuditKey?.source !== source) holder.tesseraAuditKey = { source, key: signingKeyFrom(source) };
  return holder.tesseraAuditKey.key;
}

/** "SHA256:1a2b 3c4d …" — the fingerprint as people compare it, in groups of four. */
export function formatFingerprint(keyId: string): string {
  return `SHA256:${keyId.match(/.{1,4}/g)!.join(" ")}`;
}
