"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { resendLoginCodeAction } from "@/lib/actions/auth/challenge";
import type { FormState } from "@/lib/actions/form-state";
import type { FactorMethod } from "@/lib/mfa/factors";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { lockMinutesLeft, useLock } from "@/components/security/lock-countdown";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction, useFormRoute } from "@/components/ui/use-form-action";

type Method = FactorMethod;

/**
 * What the alert says: the action's message, and while a lock lasts the minutes left (useLock
 * re-renders at each minute boundary and says whether the lock still holds).
 */
function useChallengeMessage(state: FormState): { locked: boolean; message: string; timeLeft?: string } {
  const t = useTranslations("auth.challenge");
  const text = useMessageText();
  const lock = useLock(state);
  if (state.code !== "locked" || !state.lockedUntil) return { locked: false, message: text(state.message) };
  if (!lock.locked) return { locked: false, message: t("lockOver") };
  const minutes = lockMinutesLeft(state.lockedUntil, Date.now()) ?? 1;
  return { locked: true, message: text(state.message), timeLeft: t("lockLeft", { minutes }) };
}

/**
 * `initial`: a refusal the route sent a browser without JavaScript back with (`?failed=`);
 * `via`: the way picked under "Try another way", so that page is where it comes back to.
 */
/** `field`: the code field's words when the page gives them (support's temporary access code). */
export function ChallengeForm({
  method,
  via,
  initial = initialFormState,
  field,
}: {
  method: Method;
  via?: string;
  initial?: FormState;
  field?: { label: string; placeholder: string };
}) {
  const t = useTranslations("auth");
  const { state, pending, form } = useFormRoute("/api/sign-in/verify", initial);
  const lock = useChallengeMessage(state);
  const over = state.code === "challenge_over" || state.code === "sign_in_expired";
  return (
    <form {...form} className="space-y-4">
      {lock.message && (
        <Alert tone={lock.locked || state.code !== "locked" ? "error" : "info"}>
          {lock.message}
          {lock.timeLeft && <span className="block">{lock.timeLeft}</span>}
          {over && (
            <Link href="/sign-in" className="mt-1 block font-medium underline">
              {t("challenge.signInAgain")}
            </Link>
          )}
        </Alert>
      )}
      <input type="hidden" name="method" value={method} />
      {via && <input type="hidden" name="via" value={via} />}
      <fieldset disabled={lock.locked || over} className="min-w-0">
        {field ? (
          <Field label={field.label} name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} autoFocus placeholder={field.placeholder} errors={state.fieldErrors?.code} />
        ) : method === "recovery_code" ? (
          <Field
            label={t("fields.recoveryCode")}
            name="code"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            placeholder={t("fields.recoveryCodePlaceholder")}
            errors={state.fieldErrors?.code}
          />
        ) : (
          <Field
            label={t("fields.authCode")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            placeholder={t("fields.authCodePlaceholder")}
            errors={state.fieldErrors?.code}
          />
        )}
      </fieldset>
      <Button type="submit" className="w-full" disabled={pending || over || lock.locked}>
        {t("challenge.verify")}
      </Button>
    </form>
  );
}

export function ResendLoginCode() {
  const t = useTranslations("auth.challenge");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(async () => resendLoginCodeAction(), initialFormState);
  return (
    <form {...form} className="space-y-2">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <button type="submit" disabled={pending} className="text-sm font-medium text-brand-700 hover:underline disabled:opacity-60">
        {t("sendNewCode")}
      </button>
    </form>
  );
}
