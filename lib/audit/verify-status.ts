import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { auditSigningKey, formatFingerprint } from "./signing-key";

/** What the console's Integrity page shows (app/(dashboard)/support/integrity). */
export async function loadChainStatus() {
  const [lastVerification, head, unsealed, checkpoint, anchor] = await Promise.all([
    db.auditVerification.findFirst({ orderBy: { createdAt: "desc" } }),
    db.auditEvent.findFirst({ where: { chainSeq: { not: null } }, orderBy: { chainSeq: "desc" }, select: { chainSeq: true, createdAt: true } }),
    db.auditEvent.count({ where: { chainSeq: null } }),
    db.auditCheckpoint.findFirst({ orderBy: [{ chainSeq: "desc" }, { createdAt: "desc" }] }),
    db.auditAnchor.findFirst({ orderBy: { chainSeq: "desc" } }),
  ]);
  const key = auditSigningKey();
  return {
    lastVerification,
    head,
    unsealed,
    checkpoint: checkpoint && { chainSeq: checkpoint.chainSeq, createdAt: checkpoint.createdAt, current: checkpoint.keyId === key.keyId },
    anchor,
    retentionDays: getEnv().AUDIT_RETENTION_DAYS ?? null,
    publicKeyPem: key.publicKeyPem,
    fingerprint: formatFingerprint(key.keyId),
  };
}

export type ChainStatus = Awaited<ReturnType<typeof loadChainStatus>>;
