"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmEmailChangeAction } from "@/lib/actions/account/confirm-email-change";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";

/** A click, not the page load, uses the link: mail scanners that open links must not change the address. */
export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const t = useTranslations("account.email");
  const text = useMessageText();
  const [state, action, pending] = useActionState(confirmEmailChangeAction, initialFormState);
  return (
    <form action={action} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {t("confirmChange")}
      </Button>
    </form>
  );
}
