"use client";

import { requestPasswordResetAction } from "@/lib/actions/auth/password-reset";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function ForgotPasswordForm() {
  const { state, pending, form } = useFormAction(requestPasswordResetAction, initialFormState);
  if (state.ok) {
    return (
      <Alert tone="success">
        {state.message}
      </Alert>
    );
  }
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus errors={state.fieldErrors?.email} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
