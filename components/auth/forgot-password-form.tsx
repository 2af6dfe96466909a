"use client";

import { useTranslations } from "next-intl";
import { requestPasswordResetAction } from "@/lib/actions/auth/password-reset";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(requestPasswordResetAction, initialFormState);
  if (state.ok) return <Alert tone="success">{text(state.message)}</Alert>;
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <Field label={t("fields.email")} name="email" type="email" autoComplete="username" required autoFocus errors={state.fieldErrors?.email} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("forgotPassword.pending") : t("forgotPassword.submit")}
      </Button>
    </form>
  );
}
