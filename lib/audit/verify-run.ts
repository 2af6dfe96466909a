import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/http/request-context";
import { requireSupportAccess } from "@/lib/support/support-access";
import { sealAuditEvents } from "./chain";
import { recordAudit } from "./record";
import { recordVerification, verifyAuditChain } from "./verify";

/**
 * Verify now, from the console: seal what is pending, verify the whole chain, keep the outcome
 * for the Integrity page, and audit who ran it. Support staff with a second factor only.
 */
export async function verifyAuditLogNow(userId: string, context: RequestContext) {
  await requireSupportAccess(userId);
  await sealAuditEvents(db);
  const result = await verifyAuditChain(db);
  await db.$transaction(async (tx) => {
    await recordVerification(tx, result, "console");
    await recordAudit(tx, {
      type: "audit.verified",
      actorId: userId,
      outcome: result.ok ? "success" : "failure",
      metadata: {
        ok: result.ok,
        checked: result.checked,
        lastSeq: result.lastSeq?.toString() ?? null,
        brokenSeq: result.broken?.seq.toString() ?? null,
        problem: result.broken?.problem ?? null,
      },
      context,
    });
  });
  return result;
}
