"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { signInKeyOptionsAction, sudoKeyOptionsAction, type KeyOptionsState } from "@/lib/actions/auth/webauthn-options";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { verifySudoAction } from "@/lib/actions/security/verify-sudo";
import { KeyIcon } from "@/components/security/key-icon";
import { browserCanUseKeys, browserErrorKey, loadWebAuthnBrowser } from "@/components/security/webauthn-browser";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction, useFormRoute } from "@/components/ui/use-form-action";

export type SecurityKeyChallengeProps = {
  purpose: "sign_in" | "sudo";
  /** Sudo: called once the key confirmed it is the person (the protected action goes again). */
  onVerified?: () => void;
  /** "secondary" when it sits under another method's form. */
  variant?: ButtonVariant;
};

/**
 * "Use security key" at the sign-in challenge or the sudo prompt: fetches options bound to this
 * session, runs the browser's prompt, and posts the answer like any other proof: the sign-in
 * to /api/sign-in/verify (method "webauthn"), sudo through verifySudoAction. Needs the
 * "keys.challenge", "keys.browser" and "errors" messages (ClientMessages).
 */
export function SecurityKeyChallenge({ purpose, onVerified, variant = "primary" }: SecurityKeyChallengeProps) {
  return purpose === "sign_in" ? <SignInWithKey variant={variant} /> : <SudoWithKey variant={variant} onVerified={onVerified} />;
}

function SignInWithKey({ variant }: { variant: ButtonVariant }) {
  const { state, pending, form } = useFormRoute("/api/sign-in/verify", initialFormState);
  return <KeyForm form={form} state={state} pending={pending} variant={variant} loadOptions={() => signInKeyOptionsAction()} signIn />;
}

function SudoWithKey({ variant, onVerified }: { variant: ButtonVariant; onVerified?: () => void }) {
  // The protected action goes again from the answer itself, once per success (as SudoPrompt does).
  const verify = async (previous: FormState, formData: FormData): Promise<FormState> => {
    const next = await verifySudoAction(previous, formData);
    if (next.ok) onVerified?.();
    return next;
  };
  const { state, pending, form } = useFormAction(verify, initialFormState);
  return <KeyForm form={form} state={state} pending={pending} variant={variant} loadOptions={() => sudoKeyOptionsAction()} />;
}

type FormProps = { ref: RefObject<HTMLFormElement | null>; onSubmit: (event: FormEvent<HTMLFormElement>) => void; noValidate: boolean };

function KeyForm(props: {
  form: FormProps;
  state: FormState;
  pending: boolean;
  variant: ButtonVariant;
  loadOptions: () => Promise<KeyOptionsState>;
  signIn?: boolean;
}) {
  const { form, state, pending, variant, loadOptions, signIn } = props;
  const t = useTranslations("keys");
  const text = useMessageText();
  const answer = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState(false);
  // A refusal before anything was posted (the browser's prompt, the options), numbered so the
  // same words twice still move focus; and the posted answer's refusal, hidden once asked again.
  const [local, setLocal] = useState<{ text: string; n: number } | null>(null);
  const [hidden, setHidden] = useState<FormState | null>(null);
  useEffect(() => {
    if (local) alert.current?.focus();
  }, [local]);

  const fail = (words: string) => setLocal((previous) => ({ text: words, n: (previous?.n ?? 0) + 1 }));
  const ask = async () => {
    setLocal(null);
    setHidden(state);
    if (!browserCanUseKeys()) return fail(t("browser.unsupported"));
    setAsking(true);
    try {
      const [options, browser] = await Promise.all([loadOptions(), loadWebAuthnBrowser()]);
      if (!options.ok || !options.options) return fail(text(options.message) || t("browser.failed"));
      const started = Date.now();
      const response = await browser.startAuthentication({ optionsJSON: options.options }).catch((error: unknown) => {
        fail(t(`browser.${browserErrorKey(error, Date.now() - started, options.options?.timeout)}`));
        return null;
      });
      if (!response || !answer.current) return;
      answer.current.value = JSON.stringify(response);
      form.ref.current?.requestSubmit();
    } catch {
      fail(t("browser.failed"));
    } finally {
      setAsking(false);
    }
  };

  const over = state.code === "challenge_over" || state.code === "sign_in_expired" || state.code === "locked";
  const refused = !state.ok && state.message && state !== hidden ? refusalText(state, t, text) : null;
  const message = local?.text ?? refused;
  return (
    <form {...form} className="space-y-3">
      {message && (
        <Alert ref={alert} tone="error">
          {message}
          {signIn && over && state !== hidden && (
            <Link href="/sign-in" className="mt-1 block font-medium underline">
              {t("challenge.signInAgain")}
            </Link>
          )}
        </Alert>
      )}
      <input type="hidden" name="method" value="webauthn" />
      <input ref={answer} type="hidden" name="response" defaultValue="" />
      <Button variant={variant} className="w-full" disabled={asking || pending || over} onClick={ask}>
        <KeyIcon />
        {t("challenge.use")}
      </Button>
      <p role="status" className="text-center text-sm text-slate-600 empty:hidden">
        {asking ? t("challenge.waiting") : ""}
      </p>
    </form>
  );
}

/** A key-specific sentence for a refused answer ("code" words would mislead here). */
function refusalText(state: FormState, t: ReturnType<typeof useTranslations<"keys">>, text: ReturnType<typeof useMessageText>): string {
  if (state.code === "invalid_code") return t("challenge.failed");
  if (state.code === "code_used") return t("challenge.used");
  return text(state.message);
}
