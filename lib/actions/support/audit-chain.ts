"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { verifyAuditLogNow } from "@/lib/audit/verify-run";
import { message } from "@/lib/i18n/message";

/** Verify now (the console's Integrity page): support staff; audited as audit.verified. */
export const verifyAuditChainAction = defineAction({
  access: "support",
  run: async (_input, { session, request }) => {
    const result = await verifyAuditLogNow(session.userId, request);
    revalidatePath("/support/integrity");
    return result.ok
      ? { ok: true, message: message("auditChain.verifyNow.ok", { count: result.checked }) }
      : { ok: false, message: message("auditChain.verifyNow.broken", { seq: result.broken!.seq.toString() }) };
  },
});
