import crypto from "node:crypto";
import type { AuditPublicKey, AuditSigningKey } from "./signing-key";

/**
 * A signed checkpoint: the chain's hash at a position, signed with Ed25519 by the sealer at the
 * end of every batch. Without the private key nobody can make the chain end anywhere else, so
 * rewriting events and their hashes after them, or cutting off the tail, is detected.
 *
 *   text = "tessera-audit-checkpoint-v1\n" + seq + "\n" + chainHash + "\n" + createdAt ISO
 *   signature = base64(Ed25519(text))
 */
export type Checkpoint = { chainSeq: bigint; chainHash: string; createdAt: Date; keyId: string; signature: string };

export function checkpointText(checkpoint: Pick<Checkpoint, "chainSeq" | "chainHash" | "createdAt">): string {
  return `tessera-audit-checkpoint-v1\n${checkpoint.chainSeq}\n${checkpoint.chainHash}\n${checkpoint.createdAt.toISOString()}`;
}

export function signCheckpoint(key: AuditSigningKey, chainSeq: bigint, chainHash: string, createdAt: Date): Checkpoint {
  const signature = crypto.sign(null, Buffer.from(checkpointText({ chainSeq, chainHash, createdAt })), key.privateKey).toString("base64");
  return { chainSeq, chainHash, createdAt, keyId: key.keyId, signature };
}

/** Whether `key` signed this checkpoint (false for another key's or a malformed signature). */
export function checkpointSignatureValid(key: AuditPublicKey, checkpoint: Checkpoint): boolean {
  if (checkpoint.keyId !== key.keyId) return false;
  try {
    return crypto.verify(null, Buffer.from(checkpointText(checkpoint)), key.publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}
