"use client";

import Link from "next/link";
import { resendLoginCodeAction, verifyChallengeAction } from "@/lib/actions/auth/challenge";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { useLock } from "@/components/security/lock-countdown";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

type Method = "totp" | "recovery_code" | "email_code";

const text = {
  signInAgain: "Sign in again",
  recoveryCode: "Recovery code",
  authCode: "Authentication code",
  verify: "Verify",
  sendNewCode: "Send a new code",
};

export function ChallengeForm({ method }: { method: Method }) {
  const { state, pending, form } = useFormAction(verifyChallengeAction, initialFormState);
  const lock = useLock(state);
  const over = state.code === "challenge_over" || state.code === "sign_in_expired";
  return (
    <form {...form} className="space-y-4">
      {lock.message && (
        <Alert tone={lock.locked || state.code !== "locked" ? "error" : "info"}>
          {lock.message}{" "}
          {over && (
            <Link href="/sign-in" className="font-medium underline">
              {text.signInAgain}
            </Link>
          )}
        </Alert>
      )}
      <input type="hidden" name="method" value={method} />
      <fieldset disabled={lock.locked || over} className="min-w-0">
        {method === "recovery_code" ? (
          <Field label={text.recoveryCode} name="code" autoComplete="off" spellCheck={false} autoFocus placeholder="xxxxx-xxxxx-xxxxx" errors={state.fieldErrors?.code} />
        ) : (
          <Field label={text.authCode} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus placeholder="123456" errors={state.fieldErrors?.code} />
        )}
      </fieldset>
      <Button type="submit" className="w-full" disabled={pending || over || lock.locked}>
        {text.verify}
      </Button>
    </form>
  );
}

export function ResendLoginCode() {
  const { state, pending, form } = useFormAction(async () => resendLoginCodeAction(), initialFormState);
  return (
    <form {...form} className="space-y-2">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <button type="submit" disabled={pending} className="text-sm font-medium text-brand-700 hover:underline disabled:opacity-60">
        {text.sendNewCode}
      </button>
    </form>
  );
}
