"use client";

import { useTranslations } from "next-intl";
import { resendVerificationAction } from "@/lib/actions/account/resend-verification";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

export function ResendVerification() {
  const t = useTranslations("account.verify");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(resendVerificationAction, initialFormState);
  return (
    <form {...form} className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("resend")}
      </Button>
    </form>
  );
}
