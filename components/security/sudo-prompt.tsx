"use client";

import { useState } from "react";
import { initialFormState } from "@/lib/actions/form-state-initial";
import type { FormState, SudoMethod } from "@/lib/actions/form-state";
import { verifySudoAction } from "@/lib/actions/security/verify-sudo";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { useLock } from "./lock-countdown";

const text = {
  title: "Confirm it is you",
  password: "Enter your password to continue. You will not be asked again for a few minutes.",
  recovery: "Enter one of your recovery codes. It will be used up.",
  totp: "Enter the 6-digit code from your authenticator app to continue.",
  confirm: "Confirm",
  verify: "Verify",
  cancel: "Cancel",
  useRecovery: "Use a recovery code",
  useApp: "Use your authenticator app",
};

/** "Confirm it is you": shown in place of a sensitive action, which goes ahead once verified. */
export function SudoPrompt({ method, onVerified, onCancel }: { method: SudoMethod; onVerified: () => void; onCancel: () => void }) {
  // The protected action goes again from the answer itself, once per successful check; an
  // effect on `state` re-ran it whenever the parent re-rendered (issue 6: it ran twice).
  const verify = async (previous: FormState, formData: FormData) => {
    const next = await verifySudoAction(previous, formData);
    if (next.ok) onVerified();
    return next;
  };
  const { state, pending, form } = useFormAction(verify, initialFormState);
  const lock = useLock(state);
  const [useRecovery, setUseRecovery] = useState(false);

  const factor = method === "two_factor" ? (useRecovery ? "recovery_code" : "totp") : "password";
  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" role="group" aria-label={text.title}>
      <h3 className="text-sm font-semibold text-slate-900">{text.title}</h3>
      <p className="mt-1 mb-3 text-sm text-slate-600">{method === "password" ? text.password : useRecovery ? text.recovery : text.totp}</p>
      <form {...form} className="space-y-3">
        {lock.message && !state.ok && <Alert tone={lock.locked || state.code !== "locked" ? "error" : "info"}>{lock.message}</Alert>}
        <input type="hidden" name="method" value={factor} />
        <fieldset disabled={lock.locked} className="min-w-0">
          {factor === "password" ? (
            <Field key="password" label="Password" name="password" type="password" autoComplete="current-password" autoFocus errors={state.fieldErrors?.password} />
          ) : factor === "totp" ? (
            <Field key="totp" label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus errors={state.fieldErrors?.code} />
          ) : (
            <Field key="recovery" label="Recovery code" name="code" autoComplete="off" autoFocus spellCheck={false} errors={state.fieldErrors?.code} />
          )}
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending || lock.locked}>
            {factor === "password" ? text.confirm : text.verify}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {text.cancel}
          </Button>
          {method === "two_factor" && (
            <button
              type="button"
              disabled={lock.locked}
              className="ml-auto text-sm font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
              onClick={() => setUseRecovery(!useRecovery)}
            >
              {useRecovery ? text.useApp : text.useRecovery}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
