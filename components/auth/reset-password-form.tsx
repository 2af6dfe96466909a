"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { resetPasswordAction } from "@/lib/actions/auth/password-reset";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { POLICY_VALUES } from "@/lib/policy/limits";

/** The new password, and with 2FA on the second factor too: the link alone changes nothing. */
export function ResetPasswordForm({ token, needsSecondFactor }: { token: string; needsSecondFactor: boolean }) {
  const t = useTranslations("auth");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(resetPasswordAction, initialFormState);
  const [useRecovery, setUseRecovery] = useState(false);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{text(state.message)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field
        label={t("fields.newPassword")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        hint={t("passwordHint", { passwordMin: POLICY_VALUES.passwordMin, passwordMax: POLICY_VALUES.passwordMax })}
        errors={state.fieldErrors?.password}
      />
      {needsSecondFactor && (
        <div className="space-y-2">
          <input type="hidden" name="method" value={useRecovery ? "recovery_code" : "totp"} />
          {useRecovery ? (
            <Field
              key="recovery"
              label={t("fields.recoveryCode")}
              name="code"
              autoComplete="off"
              spellCheck={false}
              placeholder={t("fields.recoveryCodePlaceholder")}
              errors={state.fieldErrors?.code}
            />
          ) : (
            <Field
              key="totp"
              label={t("fields.authCode")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              hint={t("resetPassword.totpHint")}
              errors={state.fieldErrors?.code}
            />
          )}
          <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={() => setUseRecovery(!useRecovery)}>
            {useRecovery ? t("resetPassword.useApp") : t("resetPassword.useRecovery")}
          </button>
        </div>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("resetPassword.pending") : t("resetPassword.submit")}
      </Button>
    </form>
  );
}
