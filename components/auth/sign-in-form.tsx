"use client";

import { signInAction } from "@/lib/actions/auth/sign-in";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

const text = { email: "Email", password: "Password", submit: "Sign in", pending: "Signing in…" };

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { state, pending, form } = useFormAction(signInAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{state.message}</Alert>}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field label={text.email} name="email" type="email" autoComplete="username" required errors={state.fieldErrors?.email} />
      <Field label={text.password} name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? text.pending : text.submit}
      </Button>
    </form>
  );
}
