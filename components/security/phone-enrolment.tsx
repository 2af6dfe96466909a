"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type FormEvent } from "react";
import {
  sendPhoneEnrolmentCodeAction,
  startPhoneEnrolmentAction,
  verifyPhoneEnrolmentAction,
  type PhoneEnrolmentState,
  type PhoneVerifiedState,
} from "@/lib/actions/security/phone";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { focusFirstError, useFormAction } from "@/components/ui/use-form-action";
import { PhoneCodeSender } from "./phone-code-sender";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

/** A number entered and waiting for its code. */
export type StartedPhone = Required<Pick<PhoneEnrolmentState, "factorId" | "phone" | "channel" | "fallback">> & PhoneEnrolmentState;

/**
 * Step 1 of adding a number: the number in international format and how codes should come.
 * Sudo first (a stolen session must not add the thief's phone); the prompt appears under the
 * form, which keeps what was typed.
 */
export function PhoneNumberForm({ fallback, replacing, onStarted, onCancel }: { fallback: boolean; replacing: boolean; onStarted: (started: StartedPhone) => void; onCancel: () => void }) {
  const t = useTranslations("phone.enrol");
  const text = useMessageText();
  const start = useProtectedAction<PhoneEnrolmentState>((formData) => startPhoneEnrolmentAction(formData));
  const form = useRef<HTMLFormElement>(null);
  const { state, pending } = start;
  // Once per answer, after the form is enabled again (the answer can land while still pending).
  const handled = useRef(state);
  useEffect(() => {
    if (pending || handled.current === state) return;
    handled.current = state;
    if (state?.ok && state.factorId) onStarted(state as StartedPhone);
    else if (state && !state.ok && state.code !== "sudo_required") focusFirstError(form.current);
  }, [state, pending, onStarted]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    start.run(new FormData(event.currentTarget));
  };
  const heading = fallback ? t("fallbackHeading") : replacing ? t("changeHeading") : t("heading");
  return (
    <div className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <div>
        <h4 className="text-sm font-semibold text-slate-900">{heading}</h4>
        {replacing && <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>}
      </div>
      <form ref={form} onSubmit={submit} noValidate className="space-y-4">
        {state?.message && !state.ok && !state.fieldErrors && state.code !== "sudo_required" && <Alert tone="error">{text(state.message)}</Alert>}
        <input type="hidden" name="fallback" value={String(fallback)} />
        <fieldset disabled={!!start.sudo || start.pending} className="min-w-0 space-y-4">
          <Field label={t("phone")} name="phone" type="tel" inputMode="tel" autoComplete="tel" autoFocus hint={t("phoneHint")} errors={state?.fieldErrors?.phone} className="max-w-md" />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t("channel")}</legend>
            <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
              {(["sms", "voice"] as const).map((channel) => (
                <label key={channel} className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="channel" value={channel} defaultChecked={channel === "sms"} className="h-4 w-4 accent-brand-600" />
                  {t(channel)}
                </label>
              ))}
            </div>
          </fieldset>
          {!start.sudo && (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={start.pending}>
                {t("send")}
              </Button>
              <Button variant="ghost" onClick={onCancel}>
                {t("cancel")}
              </Button>
            </div>
          )}
        </fieldset>
      </form>
      {start.sudo && <SudoPrompt method={start.sudo} onVerified={start.retry} onCancel={start.reset} />}
    </div>
  );
}

/** Step 2: the code sent to the new number (shown in full while it is being verified). */
export function PhoneVerifyForm({ started, onVerified, onCancel }: { started: StartedPhone; onVerified: (state: PhoneVerifiedState) => void; onCancel: () => void }) {
  const t = useTranslations("phone.enrol");
  const text = useMessageText();
  const verify = async (previous: PhoneVerifiedState, formData: FormData): Promise<PhoneVerifiedState> => {
    const next = await verifyPhoneEnrolmentAction(previous, formData);
    if (next.ok) onVerified(next);
    return next;
  };
  const { state, pending, form } = useFormAction<PhoneVerifiedState>(verify, initialFormState);
  const first: FormState & { retryAt?: string; channel?: typeof started.channel } = started.sendRefusal
    ? { ...started.sendRefusal, retryAt: started.retryAt, channel: started.channel }
    : { ok: true, retryAt: started.retryAt, channel: started.channel };
  return (
    <div className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <h4 className="text-sm font-semibold text-slate-900">{t("verifyHeading", { phone: started.phone })}</h4>
      <PhoneCodeSender
        action={sendPhoneEnrolmentCodeAction}
        factorId={started.factorId}
        usual={started.channel}
        initial={first}
        sentMessage={(channel) => t(channel === "sms" ? "sentSms" : "sentVoice", { phone: started.phone })}
        renderSudo={(method, retry, cancel) => <SudoPrompt method={method} onVerified={retry} onCancel={cancel} />}
        onSent={() => form.ref.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus()}
      />
      <form {...form} className="space-y-4">
        {state.message && !state.ok && !state.fieldErrors && <Alert tone="error">{text(state.message)}</Alert>}
        <input type="hidden" name="factorId" value={started.factorId} />
        <Field
          label={t("code")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          maxLength={12}
          autoFocus
          errors={state.fieldErrors?.code}
          className="max-w-xs"
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {t("verify")}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {t("cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}
