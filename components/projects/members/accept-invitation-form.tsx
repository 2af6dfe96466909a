"use client";

import { useTranslations } from "next-intl";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept-invitation";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** Joining takes a click, so a link scanner that opens the email's link does not use it up. */
export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("projectMembers.invitation");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(acceptInvitationAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("accepting") : t("accept")}
      </Button>
    </form>
  );
}
