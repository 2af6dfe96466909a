"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resendLoginCodeAction, verifyChallengeAction } from "@/lib/actions/auth/challenge";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Method = "totp" | "recovery_code" | "email_code";

export function ChallengeForm({ method }: { method: Method }) {
  const [state, action, pending] = useActionState(verifyChallengeAction, initialFormState);
  const over = state.code === "challenge_over" || state.code === "sign_in_expired";
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && (
        <Alert tone="error">
          {state.message}{" "}
          {over && (
            <Link href="/sign-in" className="font-medium underline">
              Sign in again
            </Link>
          )}
        </Alert>
      )}
      <input type="hidden" name="method" value={method} />
      {method === "recovery_code" ? (
        <Field label="Recovery code" name="code" autoComplete="off" spellCheck={false} autoFocus placeholder="xxxxx-xxxxx-xxxxx" errors={state.fieldErrors?.code} />
      ) : (
        <Field label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus placeholder="123456" errors={state.fieldErrors?.code} />
      )}
      <Button type="submit" className="w-full" disabled={pending || over}>
        Verify
      </Button>
    </form>
  );
}

export function ResendLoginCode() {
  const [state, action, pending] = useActionState(async () => resendLoginCodeAction(), initialFormState);
  return (
    <form action={action} className="space-y-2">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <button type="submit" disabled={pending} className="text-sm font-medium text-brand-700 hover:underline disabled:opacity-60">
        Send a new code
      </button>
    </form>
  );
}
