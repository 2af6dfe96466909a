import type { Tx } from "@/lib/db";
import type { SupportCaseKind } from "@/lib/db/generated/enums";
import type { RequestContext } from "@/lib/http/request-context";
import { recordAudit } from "@/lib/audit/record";

/**
 * Opens a support case in the caller's transaction (a recovery request from the sign-in
 * challenge, a "This wasn't me" report), audited with it. The console lists it under Cases.
 * `at`: when it was filed (now by default); the case and its event share it.
 */
export async function openSupportCase(
  tx: Tx,
  input: { kind: SupportCaseKind; userId: string | null; contactEmail: string; message: string; context?: RequestContext; at?: Date },
): Promise<{ id: string }> {
  const at = input.at ?? new Date();
  const supportCase = await tx.supportCase.create({
    data: {
      createdAt: at,
      kind: input.kind,
      userId: input.userId,
      contactEmail: input.contactEmail,
      message: input.message,
      ip: input.context?.ip ?? null,
      userAgent: input.context?.userAgent ?? null,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    type: "support_case.opened",
    actorId: input.userId,
    subjectId: input.userId,
    metadata: { caseId: supportCase.id, kind: input.kind },
    context: input.context,
    at,
  });
  return supportCase;
}
