"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { initialFormState } from "@/lib/actions/form-state-initial";
import type { FormState, SudoMethod } from "@/lib/actions/form-state";
import { verifySudoAction } from "@/lib/actions/security/verify-sudo";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { usePolicyValues } from "@/components/ui/policy-values";
import { useFormAction } from "@/components/ui/use-form-action";
import { useLock } from "./lock-countdown";

/** "Confirm it is you": shown in place of a sensitive action, which goes ahead once verified. */
export function SudoPrompt({ method, onVerified, onCancel }: { method: SudoMethod; onVerified: () => void; onCancel: () => void }) {
  // The protected action goes again from the answer itself, once per successful check; an
  // effect on `state` re-ran it whenever the parent re-rendered (issue 6: it ran twice).
  const verify = async (previous: FormState, formData: FormData): Promise<FormState> => {
    const next = await verifySudoAction(previous, formData);
    if (next.ok) onVerified();
    return next;
  };
  const t = useTranslations("security.sudo");
  const { state, pending, form } = useFormAction(verify, initialFormState);
  const lock = useLock(state);
  const [useRecovery, setUseRecovery] = useState(false);
  const { sudoMinutes } = usePolicyValues();

  const factor = method === "two_factor" ? (useRecovery ? "recovery_code" : "totp") : "password";
  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" role="group" aria-label={t("title")}>
      <h3 className="text-sm font-semibold text-slate-900">{t("title")}</h3>
      <p className="mt-1 mb-3 text-sm text-slate-600">{method === "password" ? t("password", { sudoMinutes }) : t(useRecovery ? "recovery" : "totp")}</p>
      <form {...form} className="space-y-3">
        {lock.message && !state.ok && <Alert tone={lock.locked || state.code !== "locked" ? "error" : "info"}>{lock.message}</Alert>}
        <input type="hidden" name="method" value={factor} />
        <fieldset disabled={lock.locked} className="min-w-0">
          {factor === "password" ? (
            <Field key="password" label={t("passwordLabel")} name="password" type="password" autoComplete="current-password" autoFocus errors={state.fieldErrors?.password} />
          ) : factor === "totp" ? (
            <Field key="totp" label={t("codeLabel")} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus errors={state.fieldErrors?.code} />
          ) : (
            <Field key="recovery" label={t("recoveryLabel")} name="code" autoComplete="off" autoFocus spellCheck={false} errors={state.fieldErrors?.code} />
          )}
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending || lock.locked}>
            {factor === "password" ? t("confirm") : t("verify")}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {t("cancel")}
          </Button>
          {method === "two_factor" && (
            <button
              type="button"
              disabled={lock.locked}
              className="ml-auto text-sm font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
              onClick={() => setUseRecovery(!useRecovery)}
            >
              {useRecovery ? t("useApp") : t("useRecovery")}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
