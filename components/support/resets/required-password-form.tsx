"use client";

import { setRequiredPasswordAction } from "@/lib/actions/support/resets";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

type Labels = { password: string; confirmPassword: string; submit: string; pending: string; hint: string };

/** The new password support required; the page passes its words (the auth card gives only auth's to the browser). */
export function RequiredPasswordForm({ labels }: { labels: Labels }) {
  const text = useMessageText();
  const { state, pending, form } = useFormAction(setRequiredPasswordAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && !state.ok && <Alert tone="error">{text(state.message)}</Alert>}
      <Field label={labels.password} name="password" type="password" autoComplete="new-password" required autoFocus hint={labels.hint} errors={state.fieldErrors?.password} />
      <Field label={labels.confirmPassword} name="confirmPassword" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? labels.pending : labels.submit}
      </Button>
    </form>
  );
}
