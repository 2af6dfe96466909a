"use client";

import { useTranslations } from "next-intl";
import { verifyEmailAction } from "@/lib/actions/account/verify-email";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** Verification takes a click, so link scanners that open emailed links do not use up the token. */
export function VerifyEmailForm({ token }: { token: string }) {
  const t = useTranslations("auth.verifyEmail");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(verifyEmailAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {t("submit")}
      </Button>
    </form>
  );
}
