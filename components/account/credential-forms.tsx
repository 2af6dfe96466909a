"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { changeEmailAction, changePasswordAction } from "@/lib/actions/account/credentials";
import type { FormState } from "@/lib/actions/form-state";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { focusFirstError, submitKeepingInput } from "@/components/ui/use-form-action";
import { POLICY_VALUES } from "@/lib/policy/limits";

/** A sudo-protected form: on "confirm it is you" the prompt appears and the same input goes again. */
function ProtectedForm({ action, submitLabel, children }: { action: (state: FormState, formData: FormData) => Promise<FormState>; submitLabel: string; children: (errors: FormState["fieldErrors"]) => React.ReactNode }) {
  const text = useMessageText();
  const router = useRouter();
  const root = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const protectedAction = useProtectedAction((formData) => action({}, formData));
  const { state } = protectedAction;
  useEffect(() => {
    if (!state || state.code === "sudo_required") return;
    if (!state.ok) return focusFirstError(root.current);
    // Done: clear the fields on purpose (they may hold passwords) and land on the result.
    form.current?.reset();
    root.current?.querySelector<HTMLElement>("[role=status]")?.focus();
    router.refresh();
  }, [state, router]);
  return (
    <div ref={root} className="space-y-4">
      {state?.message && state.code !== "sudo_required" && <Alert tone={state.ok ? "success" : "error"}>{text(state.message)}</Alert>}
      <form
        ref={form}
        noValidate
        className="space-y-4"
        onSubmit={(event) => submitKeepingInput(event, protectedAction.run)}
      >
        {children(state?.fieldErrors)}
        {!protectedAction.sudo && (
          <Button type="submit" variant="secondary" disabled={protectedAction.pending}>
            {submitLabel}
          </Button>
        )}
      </form>
      {protectedAction.sudo && <SudoPrompt method={protectedAction.sudo} onVerified={protectedAction.retry} onCancel={protectedAction.reset} />}
    </div>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations("account.password");
  return (
    <ProtectedForm action={changePasswordAction} submitLabel={t("change")}>
      {(errors) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("newPassword")} name="password" type="password" autoComplete="new-password" hint={t("hint", POLICY_VALUES)} errors={errors?.password} />
          <Field label={t("confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" errors={errors?.confirmPassword} />
        </div>
      )}
    </ProtectedForm>
  );
}

export function ChangeEmailForm() {
  const t = useTranslations("account.email");
  return (
    <ProtectedForm action={changeEmailAction} submitLabel={t("change")}>
      {(errors) => <Field label={t("newEmail")} name="email" type="email" autoComplete="email" className="max-w-md" errors={errors?.email} />}
    </ProtectedForm>
  );
}
