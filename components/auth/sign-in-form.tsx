"use client";

import { useTranslations } from "next-intl";
import { signInAction } from "@/lib/actions/auth/sign-in";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(signInAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field label={t("fields.email")} name="email" type="email" autoComplete="username" required errors={state.fieldErrors?.email} />
      <Field label={t("fields.password")} name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signIn.pending") : t("signIn.submit")}
      </Button>
    </form>
  );
}
