"use client";

import { useTranslations } from "next-intl";
import { verifyAuditChainAction } from "@/lib/actions/support/audit-chain";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** Verify now: seals what is pending, verifies the whole chain; the page then shows the new run. */
export function VerifyNowButton() {
  const t = useTranslations("auditChain.verifyNow");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(verifyAuditChainAction, initialFormState);
  return (
    <form {...form} className="flex flex-col items-start gap-2 sm:items-end">
      <Button type="submit" disabled={pending}>
        {pending ? t("pending") : t("button")}
      </Button>
      {state.message && (
        <p role={state.ok ? "status" : "alert"} tabIndex={-1} className={`max-w-xs text-sm outline-none ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {text(state.message)}
        </p>
      )}
    </form>
  );
}
