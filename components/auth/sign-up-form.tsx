"use client";

import { signUpAction } from "@/lib/actions/auth/sign-up";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { PASSWORD_HINT } from "@/lib/auth/password-policy";

const text = {
  name: "Name",
  email: "Email",
  password: "Password",
  submit: "Create account",
  pending: "Creating account…",
};

export function SignUpForm() {
  const { state, pending, form } = useFormAction(signUpAction, initialFormState);
  return (
    <form {...form} className="space-y-4">
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field label={text.name} name="name" autoComplete="name" required maxLength={100} errors={state.fieldErrors?.name} />
      <Field label={text.email} name="email" type="email" autoComplete="email" required errors={state.fieldErrors?.email} />
      <Field
        label={text.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        errors={state.fieldErrors?.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? text.pending : text.submit}
      </Button>
    </form>
  );
}
