import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { auditSigningKey, formatFingerprint } from "./signing-key";
import { STALE_UNSEALED_MS } from "./verify";

/** What the console's Integrity page shows (app/(dashboard)/support/integrity). */
export async function loadChainStatus(now = new Date()) {
  const [lastVerification, head, unsealed, staleUnsealed, checkpoint, anchor] = await Promise.all([
    db.auditVerification.findFirst({ orderBy: { createdAt: "desc" } }),
    db.auditEvent.findFirst({ where: { chainSeq: { not: null } }, orderBy: { chainSeq: "desc" }, select: { chainSeq: true, createdAt: true } }),
    db.auditEvent.count({ where: { chainSeq: null } }),
    db.auditEvent.count({ where: { chainSeq: null, createdAt: { lt: new Date(now.getTime() - STALE_UNSEALED_MS) } } }),
    db.auditCheckpoint.findFirst({ orderBy: [{ chainSeq: "desc" }, { createdAt: "desc" }] }),
    db.auditAnchor.findFirst({ orderBy: { chainSeq: "desc" } }),
  ]);
  const key = auditSigningKey();
  return {
    lastVerification,
    head,
    unsealed,
    staleUnsealed,
    checkpoint: checkpoint && { chainSeq: checkpoint.chainSeq, createdAt: checkpoint.createdAt, current: checkpoint.keyId === key.keyId },
    anchor,
    retentionDays: getEnv().AUDIT_RETENTION_DAYS ?? null,
    publicKeyPem: key.publicKeyPem,
    fingerprint: formatFingerprint(key.keyId),
  };
}

export type ChainStatus = Awaited<ReturnType<typeof loadChainStatus>>;
