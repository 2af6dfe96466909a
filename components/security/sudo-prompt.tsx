"use client";

import { useActionState, useEffect, useState } from "react";
import { initialFormState } from "@/lib/actions/form-state-initial";
import type { SudoMethod } from "@/lib/actions/form-state";
import { verifySudoAction } from "@/lib/actions/security/verify-sudo";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** "Confirm it is you": shown in place of a sensitive action, which goes ahead once verified. */
export function SudoPrompt({ method, onVerified, onCancel }: { method: SudoMethod; onVerified: () => void; onCancel: () => void }) {
  const [state, action, pending] = useActionState(verifySudoAction, initialFormState);
  const [useRecovery, setUseRecovery] = useState(false);
  useEffect(() => {
    if (state.ok) onVerified();
  }, [state, onVerified]);

  const factor = method === "two_factor" ? (useRecovery ? "recovery_code" : "totp") : "password";
  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" role="group" aria-label="Confirm it is you">
      <h3 className="text-sm font-semibold text-slate-900">Confirm it is you</h3>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        {method === "password"
          ? "Enter your password to continue. You will not be asked again for a few minutes."
          : useRecovery
            ? "Enter one of your recovery codes. It will be used up."
            : "Enter the 6-digit code from your authenticator app to continue."}
      </p>
      <form action={action} className="space-y-3" noValidate>
        {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
        <input type="hidden" name="method" value={factor} />
        {factor === "password" ? (
          <Field key="password" label="Password" name="password" type="password" autoComplete="current-password" autoFocus errors={state.fieldErrors?.password} />
        ) : factor === "totp" ? (
          <Field key="totp" label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus errors={state.fieldErrors?.code} />
        ) : (
          <Field key="recovery" label="Recovery code" name="code" autoComplete="off" autoFocus spellCheck={false} errors={state.fieldErrors?.code} />
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending}>
            {factor === "password" ? "Confirm" : "Verify"}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          {method === "two_factor" && (
            <button type="button" className="ml-auto text-sm font-medium text-brand-700 hover:underline" onClick={() => setUseRecovery(!useRecovery)}>
              {useRecovery ? "Use your authenticator app" : "Use a recovery code"}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
