"use client";

import { useState } from "react";
import { resetPasswordAction } from "@/lib/actions/auth/password-reset";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/** The new password, and with 2FA on the second factor too: the link alone changes nothing. */
export function ResetPasswordForm({ token, needsSecondFactor, passwordHint }: { token: string; needsSecondFactor: boolean; passwordHint: string }) {
  const { state, pending, form } = useFormAction(resetPasswordAction, initialFormState);
  const [useRecovery, setUseRecovery] = useState(false);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required autoFocus hint={passwordHint} errors={state.fieldErrors?.password} />
      {needsSecondFactor && (
        <div className="space-y-2">
          <input type="hidden" name="method" value={useRecovery ? "recovery_code" : "totp"} />
          {useRecovery ? (
            <Field key="recovery" label="Recovery code" name="code" autoComplete="off" spellCheck={false} placeholder="xxxxx-xxxxx-xxxxx" errors={state.fieldErrors?.code} />
          ) : (
            <Field key="totp" label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" hint="Two-factor authentication is on: enter the code from your authenticator app." errors={state.fieldErrors?.code} />
          )}
          <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={() => setUseRecovery(!useRecovery)}>
            {useRecovery ? "Use your authenticator app" : "Use a recovery code"}
          </button>
        </div>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
