"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { message } from "@/lib/i18n/message";
import { decideSupportCase } from "@/lib/support/cases-decide";
import { decideCaseSchema } from "@/lib/support/cases-schema";

/**
 * Approve or Refuse on a case's page: support admins only (an approved recovery request leads to
 * a 2FA reset, which only they may do). Of two admins deciding at once, the second is told the
 * case was already handled, with its state and time.
 */
export const decideSupportCaseAction = defineAction({
  access: "support_admin",
  input: decideCaseSchema,
  run: async (input, { session, request }) => {
    const result = await decideSupportCase(session.userId, input, request);
    if (result.outcome === "decided") {
      // The page shows the decision in place of the form.
      revalidatePath(`/support/cases/${input.caseId}`);
      revalidatePath("/support/cases");
      return { ok: true, message: message("supportCases.case.handle.decided"), state: result.state };
    }
    // Not revalidated: the form stays and says who was first; a reload shows their decision.
    return {
      message: message("supportCases.case.handle.alreadyHandled"),
      state: result.state,
      handledAt: result.handledAt?.toISOString(),
    };
  },
});
