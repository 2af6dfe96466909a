"use client";

import { resendVerificationAction } from "@/lib/actions/account/resend-verification";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";

export function ResendVerification() {
  const { state, pending, form } = useFormAction(resendVerificationAction, initialFormState);
  return (
    <form {...form} className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending}>
        Send a new verification link
      </Button>
    </form>
  );
}
