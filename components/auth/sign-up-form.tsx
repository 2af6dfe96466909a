"use client";

import { useTranslations } from "next-intl";
import { signUpAction } from "@/lib/actions/auth/sign-up";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { POLICY_VALUES } from "@/lib/policy/limits";

/** `next`: where to go after the first sign-in (an invitation), carried to "check your inbox". */
export function SignUpForm({ next }: { next?: string }) {
  const t = useTranslations("auth");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(signUpAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      {next && <input type="hidden" name="next" value={next} />}
      <Field label={t("fields.name")} name="name" autoComplete="name" required maxLength={100} errors={state.fieldErrors?.name} />
      <Field label={t("fields.email")} name="email" type="email" autoComplete="email" required errors={state.fieldErrors?.email} />
      <Field
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t("passwordHint", { passwordMin: POLICY_VALUES.passwordMin, passwordMax: POLICY_VALUES.passwordMax })}
        errors={state.fieldErrors?.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signUp.pending") : t("signUp.submit")}
      </Button>
    </form>
  );
}
