"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode, type RefObject } from "react";
import { sendSignInPhoneCodeAction, sendSudoPhoneCodeAction } from "@/lib/actions/auth/phone-code";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { verifySudoAction } from "@/lib/actions/security/verify-sudo";
import { POLICY_VALUES } from "@/lib/policy/limits";
import type { PhoneChannel } from "@/lib/sms/phone-text";
import { useLock } from "@/components/security/lock-countdown";
import { PhoneCodeSender } from "@/components/security/phone-code-sender";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction, useFormRoute } from "@/components/ui/use-form-action";

export type PhoneChallengeProps = {
  factorId: string;
  /** The number's last digits ("78"): it is shown masked. */
  hint: string;
  /** The number's usual channel; the other one is offered as "Call me instead" / "Text me instead". */
  channel: PhoneChannel;
  purpose: "sign_in" | "sudo";
  /** Sudo: called once the code confirmed it is you (the protected action then goes again). */
  onVerified?: () => void;
  /** When the next code may be sent, if not now (lib/mfa/send-throttle.ts nextCodeSendAt), ISO 8601. */
  retryAt?: string;
  /** Sign-in: the refusal a browser without JavaScript was sent back with (`?failed=`). */
  initial?: FormState;
};

/**
 * A code by text or call, at the sign-in challenge or the sudo prompt: send it (throttled, with
 * the time of the next allowed send), then type it. Sign-in posts to the challenge's form route
 * (/api/sign-in/verify); sudo goes through verifySudoAction. Needs the client messages
 * "phone", "security.lock" and FORM_MESSAGES.
 */
export function PhoneChallenge({ factorId, hint, channel, purpose, onVerified, retryAt, initial }: PhoneChallengeProps) {
  const t = useTranslations("phone.challenge");
  // The proof names the channel the last code came by.
  const [method, setMethod] = useState<PhoneChannel>(channel);
  // Each code sent moves the person to the field it goes in.
  const [sends, setSends] = useState(0);
  const sent = (by: PhoneChannel) => {
    setMethod(by);
    setSends((count) => count + 1);
  };
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600">{t("intro", { hint, minutes: POLICY_VALUES.codeMinutes })}</p>
      <PhoneCodeSender
        action={purpose === "sign_in" ? sendSignInPhoneCodeAction : sendSudoPhoneCodeAction}
        factorId={factorId}
        usual={channel}
        initial={retryAt ? { retryAt } : undefined}
        sentMessage={(sent) => t(sent === "sms" ? "sentSms" : "sentVoice", { hint })}
        onSent={sent}
      />
      {purpose === "sign_in" ? (
        <SignInCode factorId={factorId} method={method} sends={sends} initial={initial ?? initialFormState} />
      ) : (
        <SudoCode factorId={factorId} method={method} sends={sends} onVerified={onVerified} />
      )}
    </div>
  );
}

type CodeProps = { factorId: string; method: PhoneChannel; sends: number };

function SignInCode({ initial, ...code }: CodeProps & { initial: FormState }) {
  const t = useTranslations("phone.challenge");
  const { state, pending, form } = useFormRoute("/api/sign-in/verify", initial);
  const over = state.code === "challenge_over" || state.code === "sign_in_expired";
  return (
    <CodeForm form={form} state={state} pending={pending} {...code} disabled={over}>
      {over && (
        <Link href="/sign-in" className="mt-1 block font-medium underline">
          {t("signInAgain")}
        </Link>
      )}
    </CodeForm>
  );
}

function SudoCode({ onVerified, ...code }: CodeProps & { onVerified?: () => void }) {
  // As in the sudo prompt: the protected action goes again from the answer itself, once.
  const verify = async (previous: FormState, formData: FormData): Promise<FormState> => {
    const next = await verifySudoAction(previous, formData);
    if (next.ok) onVerified?.();
    return next;
  };
  const { state, pending, form } = useFormAction(verify, initialFormState);
  return <CodeForm form={form} state={state} pending={pending} {...code} />;
}

type FormProps = ReturnType<typeof useFormAction>["form"] | ReturnType<typeof useFormRoute>["form"];

function CodeForm({
  form,
  state,
  pending,
  factorId,
  method,
  sends,
  disabled = false,
  children,
}: CodeProps & {
  form: FormProps;
  state: FormState;
  pending: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations("phone.challenge");
  const lock = useLock(state);
  const formRef = form.ref;
  useEffect(() => {
    if (sends > 0) formRef.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, [sends, formRef]);
  useWebOtp(form.ref, method === "sms" && !disabled);
  const off = disabled || lock.locked;
  return (
    <form {...form} className="space-y-4">
      {lock.message && !state.ok && (
        <Alert tone={lock.locked || state.code !== "locked" ? "error" : "info"}>
          {lock.message}
          {children}
        </Alert>
      )}
      <input type="hidden" name="method" value={method} />
      <input type="hidden" name="factorId" value={factorId} />
      <fieldset disabled={off} className="min-w-0">
        <Field
          label={t("code")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          maxLength={12}
          errors={state.fieldErrors?.code}
        />
      </fieldset>
      <Button type="submit" className="w-full" disabled={pending || off}>
        {t("verify")}
      </Button>
    </form>
  );
}

/**
 * WebOTP: where the browser supports it (Chrome on Android), the code of a text whose last line
 * names this site (`@host #123456`, lib/sms/phone-text.ts) fills the field by itself, after the
 * person agrees in the browser's own prompt.
 */
function useWebOtp(form: RefObject<HTMLFormElement | null>, active: boolean) {
  useEffect(() => {
    if (!active || typeof window === "undefined" || !("OTPCredential" in window)) return;
    const abort = new AbortController();
    const otp = { otp: { transport: ["sms"] }, signal: abort.signal } as CredentialRequestOptions;
    navigator.credentials
      .get(otp)
      .then((credential) => {
        const code = (credential as (Credential & { code?: string }) | null)?.code;
        const field = form.current?.querySelector<HTMLInputElement>('input[name="code"]');
        if (code && field) field.value = code;
      })
      .catch(() => {});
    return () => abort.abort();
  }, [active, form]);
}
