"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { SudoMethod } from "@/lib/actions/form-state";
import type { KeyRegisteredState } from "@/lib/actions/security/security-keys";
import { message, type Message } from "@/lib/i18n/message";
import { KEY_NAME_MAX } from "@/lib/policy/limits";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { focusFirstError } from "@/components/ui/use-form-action";
import { KeyIcon } from "./key-icon";
import { SudoPrompt } from "./sudo-prompt";
import { browserCanUseKeys } from "./webauthn-browser";

/**
 * Register security key: a Key name, then the browser's prompt, then the server's check. The
 * name is checked first (before the person touches the key), sudo is asked in place when
 * needed, and the answer is posted with the name. `onRegistered` gets the result (recovery
 * codes when this was the person's first factor).
 */
export function RegisterKeyForm({ onStart, onRegistered }: { onStart: () => void; onRegistered: (state: KeyRegisteredState) => void }) {
  const t = useTranslations("keys");
  const text = useMessageText();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [nameErrors, setNameErrors] = useState<Message[] | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<"checking" | "prompting" | null>(null);
  const [sudo, setSudo] = useState<SudoMethod | null>(null);
  // Once per refusal, after it is on screen (and the field enabled again): focus goes to the
  // name when it is at fault, else to the alert.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals) focusFirstError(formRef.current);
  }, [refusals]);

  const refuse = (state: { code?: string; message?: Message; fieldErrors?: Record<string, Message[] | undefined> }) => {
    const onName = state.fieldErrors?.name ?? (state.code === "key_name_taken" && state.message ? [state.message] : undefined);
    if (onName) setNameErrors(onName);
    else setFailure(text(state.message) || t("browser.failed"));
    setRefusals((count) => count + 1);
  };

  const register = async (keyName: string) => {
    setBusy("checking");
    try {
      const { registerSecurityKey } = await import("./register-key-flow");
      const outcome = await registerSecurityKey(keyName, () => setBusy("prompting"));
      if (outcome.kind === "sudo") return setSudo(outcome.method);
      if (outcome.kind === "refused") return refuse(outcome.state);
      setName("");
      onRegistered(outcome.state);
    } catch {
      refuse({});
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onStart();
    setFailure(null);
    setNameErrors(undefined);
    const keyName = name.trim();
    // What the server would say about an empty name, without a round trip.
    if (!keyName) return refuse({ fieldErrors: { name: [message("validation.enterKeyName")] } });
    if (!browserCanUseKeys()) return refuse({ message: message("keys.browser.unsupported") });
    void register(keyName);
  };

  if (sudo) {
    return (
      <SudoPrompt
        method={sudo}
        onVerified={() => {
          setSudo(null);
          void register(name.trim());
        }}
        onCancel={() => setSudo(null)}
      />
    );
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-3">
      {failure && <Alert tone="error">{failure}</Alert>}
      <Field
        label={t("card.keyName")}
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        // Fetched while the name is typed, so the press goes to the browser's prompt without a wait.
        onFocus={() => void import("./register-key-flow").then(({ preloadWebAuthnBrowser }) => preloadWebAuthnBrowser())}
        maxLength={KEY_NAME_MAX}
        autoComplete="off"
        hint={t("card.keyNameHint")}
        errors={nameErrors}
        disabled={busy !== null}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy !== null}>
          <KeyIcon />
          {t("card.register")}
        </Button>
        <p role="status" className="text-sm text-slate-600">
          {busy === "prompting" ? t("card.registering") : ""}
        </p>
      </div>
    </form>
  );
}
