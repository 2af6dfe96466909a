"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { requirePasswordChangeAction, resetTwoFactorAction } from "@/lib/actions/support/resets";
import { LIFETIME_HOURS_DEFAULT, LIFETIME_HOURS_MAX, LIFETIME_HOURS_MIN } from "@/lib/support/temporary-access-limits";
import { REASON_MAX } from "@/lib/support/reset-schemas";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import type { Message } from "@/lib/i18n/message";
import { CodeReveal } from "./code-reveal";

type Props = { userId: string; caseId?: string; disabled: boolean; dualControl: boolean };

/** The two support-admin actions on a person: each with its required Reason, under sudo. */
export function PersonActionForms(props: Props) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ResetForm {...props} />
      <PasswordChangeForm {...props} />
    </div>
  );
}

function ReasonField({ errors, disabled, hint }: { errors?: Message[]; disabled: boolean; hint: string }) {
  const t = useTranslations("supportResets.reset");
  const id = useId();
  const text = useMessageText();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("reason")}
      </label>
      <textarea
        id={id}
        name="reason"
        required
        rows={3}
        maxLength={REASON_MAX}
        disabled={disabled}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500 disabled:bg-slate-50 sm:text-sm"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        {hint}
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.map((error) => text(error)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function useSubmit(run: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(new FormData(event.currentTarget));
  };
}

function ResetForm({ userId, caseId, disabled, dualControl }: Props) {
  const t = useTranslations("supportResets.reset");
  const text = useMessageText();
  const action = useProtectedAction(resetTwoFactorAction);
  const [shown, setShown] = useState(true);
  const submit = useSubmit((formData) => {
    setShown(true);
    action.run(formData);
  });
  const state = action.state;
  const refusal = state && !state.ok && state.code !== "sudo_required" ? text(state.message) : null;
  return (
    <section className="space-y-3 rounded-lg p-4 ring-1 ring-slate-200" aria-labelledby={`reset-${userId}`}>
      <h3 id={`reset-${userId}`} className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h3>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {dualControl && <Alert tone="info">{t("dualControl")}</Alert>}
      {state?.ok && state.state === "issued" && state.accessCode && shown ? (
        <CodeReveal code={state.accessCode} expiresAt={state.expiresAt!} onDone={() => setShown(false)} />
      ) : null}
      {state?.ok && state.state === "pending_approval" && <Alert tone="success">{t("requested")}</Alert>}
      {refusal && <Alert tone="error">{refusal}</Alert>}
      {action.sudo ? (
        <SudoPrompt method={action.sudo} onVerified={action.retry} onCancel={action.reset} />
      ) : (
        <form onSubmit={submit} noValidate className="space-y-3">
          <input type="hidden" name="userId" value={userId} />
          {caseId && <input type="hidden" name="caseId" value={caseId} />}
          <ReasonField errors={state?.fieldErrors?.reason} disabled={disabled} hint={t("reasonHint")} />
          <Field
            label={t("lifetime")}
            name="lifetimeHours"
            type="number"
            inputMode="numeric"
            min={LIFETIME_HOURS_MIN}
            max={LIFETIME_HOURS_MAX}
            defaultValue={LIFETIME_HOURS_DEFAULT}
            hint={t("lifetimeHint")}
            disabled={disabled}
            errors={state?.fieldErrors?.lifetimeHours}
            className="max-w-48"
          />
          <Button type="submit" variant="danger" disabled={disabled || action.pending}>
            {action.pending ? t("pending") : t("heading")}
          </Button>
        </form>
      )}
    </section>
  );
}

function PasswordChangeForm({ userId, caseId, disabled }: Props) {
  const t = useTranslations("supportResets.password");
  const text = useMessageText();
  const action = useProtectedAction(requirePasswordChangeAction);
  const submit = useSubmit(action.run);
  const state = action.state;
  const refusal = state && !state.ok && state.code !== "sudo_required" ? text(state.message) : null;
  return (
    <section className="space-y-3 rounded-lg p-4 ring-1 ring-slate-200" aria-labelledby={`password-${userId}`}>
      <h3 id={`password-${userId}`} className="text-base font-semibold text-slate-900">
        {t("heading")}
      </h3>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {state?.ok && <Alert tone="success">{text(state.message)}</Alert>}
      {refusal && <Alert tone="error">{refusal}</Alert>}
      {action.sudo ? (
        <SudoPrompt method={action.sudo} onVerified={action.retry} onCancel={action.reset} />
      ) : (
        <form onSubmit={submit} noValidate className="space-y-3">
          <input type="hidden" name="userId" value={userId} />
          {caseId && <input type="hidden" name="caseId" value={caseId} />}
          <ReasonField errors={state?.fieldErrors?.reason} disabled={disabled} hint={t("reasonHint")} />
          <Button type="submit" variant="danger" disabled={disabled || action.pending}>
            {action.pending ? t("pending") : t("submit")}
          </Button>
        </form>
      )}
    </section>
  );
}
