"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/lib/actions/account/resend-verification";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function ResendVerification() {
  const [state, action, pending] = useActionState(resendVerificationAction, initialFormState);
  return (
    <form action={action} className="space-y-3">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending}>
        Send a new verification link
      </Button>
    </form>
  );
}
