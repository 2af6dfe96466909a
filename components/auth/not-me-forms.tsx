"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormRoute } from "@/components/ui/use-form-action";

/**
 * "This wasn't me", first step: the account's current password, then every session and trusted
 * computer ends (app/api/not-me/secure). Posts without JavaScript too. `initial`: a refusal the
 * route sent a browser without JavaScript back with (`?failed=`).
 */
export function NotMePasswordForm({ token, initial = initialFormState }: { token: string; initial?: FormState }) {
  const t = useTranslations("readiness.notMe");
  const text = useMessageText();
  const { state, pending, form } = useFormRoute("/api/not-me/secure", initial);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field
        label={t("currentPassword")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        errors={state.fieldErrors?.password}
      />
      <Button type="submit" variant="danger" className="w-full" disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </Button>
    </form>
  );
}

/**
 * Second step: the new password, under the rules every new password follows (lib/policy/password.ts,
 * the same hint as a password reset). The step's cookie from the first step goes along.
 */
export function NotMeNewPasswordForm({ token, initial = initialFormState }: { token: string; initial?: FormState }) {
  const t = useTranslations("readiness.notMe");
  const auth = useTranslations("auth");
  const text = useMessageText();
  const { state, pending, form } = useFormRoute("/api/not-me/password", initial);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field
        label={t("newPassword")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        hint={auth("passwordHint", { passwordMin: POLICY_VALUES.passwordMin, passwordMax: POLICY_VALUES.passwordMax })}
        errors={state.fieldErrors?.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("saving") : t("setPassword")}
      </Button>
    </form>
  );
}
