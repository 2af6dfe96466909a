"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { initialFormState } from "@/lib/actions/form-state-initial";
import type { FormState, SudoMethod } from "@/lib/actions/form-state";
import { sudoOptionsAction, verifySudoAction } from "@/lib/actions/security/verify-sudo";
import type { ChallengeOption } from "@/lib/mfa/challenge-options";
import { PhoneChallenge } from "@/components/auth/phone-challenge";
import { SecurityKeyChallenge } from "@/components/auth/security-key-challenge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { usePolicyValues } from "@/components/ui/policy-values";
import { useFormAction } from "@/components/ui/use-form-action";
import { useLock } from "./lock-countdown";

type Props = { method: SudoMethod; onVerified: () => void; onCancel: () => void };

/**
 * "Confirm it is you": shown in place of a sensitive action, which goes ahead once verified.
 * With a second factor, the preferred way first and the others under "Try another way".
 */
export function SudoPrompt({ method, onVerified, onCancel }: Props) {
  const t = useTranslations("security.sudo");
  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" role="group" aria-label={t("title")}>
      <h3 className="text-sm font-semibold text-slate-900">{t("title")}</h3>
      {method === "password" ? <CodeOrPassword kind="password" onVerified={onVerified} onCancel={onCancel} /> : <FactorSudo onVerified={onVerified} onCancel={onCancel} />}
    </div>
  );
}

function FactorSudo({ onVerified, onCancel }: Omit<Props, "method">) {
  const t = useTranslations("security.sudo");
  const text = useMessageText();
  const [options, setOptions] = useState<ChallengeOption[] | null>(null);
  const [failure, setFailure] = useState<FormState | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [locked, setLocked] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    sudoOptionsAction(new FormData()).then((state) => {
      if (!live) return;
      if (state.options) setOptions(state.options);
      else setFailure(state);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (choosing) listRef.current?.querySelector("button")?.focus();
  }, [choosing]);

  if (failure) return <Alert tone="error">{text(failure.message)}</Alert>;
  if (!options) return <p className="mt-1 text-sm text-slate-600" aria-busy="true">{t("loading")}</p>;
  const option = options.find((each) => each.key === chosen) ?? options[0]!;
  const others = options.filter((each) => each.key !== option.key);

  if (choosing) {
    return (
      <div className="mt-1">
        <p className="mb-3 text-sm text-slate-600">{t("chooseIntro")}</p>
        <ul ref={listRef} className="space-y-2">
          {others.map((each) => (
            <li key={each.key}>
              <button
                type="button"
                className="w-full rounded-lg bg-white px-4 py-2 text-left text-sm font-medium text-slate-900 ring-1 ring-slate-200 hover:ring-brand-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                onClick={() => (setChosen(each.key), setChoosing(false))}
              >
                {optionTitle(each, t)}
              </button>
            </li>
          ))}
        </ul>
        <Button variant="ghost" className="mt-3" onClick={() => setChoosing(false)}>
          {t("back")}
        </Button>
      </div>
    );
  }
  const another =
    others.length > 0 ? (
      <button
        type="button"
        disabled={locked}
        className="ml-auto text-sm font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
        onClick={() => setChoosing(true)}
      >
        {t("tryAnotherWay")}
      </button>
    ) : null;
  switch (option.method) {
    case "totp":
    case "recovery_code":
      return <CodeOrPassword key={option.key} kind={option.method} onVerified={onVerified} onCancel={onCancel} onLock={setLocked} another={another} />;
    case "webauthn":
      return (
        <>
          <p className="mt-1 mb-3 text-sm text-slate-600">{t("key")}</p>
          <SecurityKeyChallenge purpose="sudo" onVerified={onVerified} />
          <Actions onCancel={onCancel}>{another}</Actions>
        </>
      );
    case "sms":
    case "voice":
      return (
        <>
          <div className="mt-1">
            <PhoneChallenge factorId={option.factorId} hint={option.hint} channel={option.method} purpose="sudo" onVerified={onVerified} />
          </div>
          <Actions onCancel={onCancel}>{another}</Actions>
        </>
      );
  }
}

/** Cancel, and "Try another way" when there is one, under a prompt whose own form has its button. */
function Actions({ onCancel, children }: { onCancel: () => void; children?: React.ReactNode }) {
  const t = useTranslations("security.sudo");
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <Button variant="ghost" onClick={onCancel}>
        {t("cancel")}
      </Button>
      {children}
    </div>
  );
}

type T = ReturnType<typeof useTranslations<"security.sudo">>;

function optionTitle(option: ChallengeOption, t: T): string {
  switch (option.method) {
    case "totp":
      return t("useApp");
    case "recovery_code":
      return t("useRecovery");
    case "webauthn":
      return t("useKey");
    case "sms":
      return t("useSms", { hint: option.hint });
    case "voice":
      return t("useVoice", { hint: option.hint });
  }
}

/** The password, an authenticator code or a recovery code, posted to the sudo action. */
function CodeOrPassword({
  kind,
  onVerified,
  onCancel,
  onLock,
  another,
}: {
  kind: "password" | "totp" | "recovery_code";
  onVerified: () => void;
  onCancel: () => void;
  onLock?: (locked: boolean) => void;
  another?: React.ReactNode;
}) {
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
  const { sudoMinutes } = usePolicyValues();
  useEffect(() => onLock?.(lock.locked), [lock.locked, onLock]);
  const intro = kind === "password" ? t("password", { sudoMinutes }) : t(kind === "totp" ? "totp" : "recovery");
  return (
    <>
      <p className="mt-1 mb-3 text-sm text-slate-600">{intro}</p>
      <form {...form} className="space-y-3">
        {lock.message && !state.ok && <Alert tone={lock.locked || state.code !== "locked" ? "error" : "info"}>{lock.message}</Alert>}
        <input type="hidden" name="method" value={kind} />
        <fieldset disabled={lock.locked} className="min-w-0">
          {kind === "password" ? (
            <Field label={t("passwordLabel")} name="password" type="password" autoComplete="current-password" autoFocus errors={state.fieldErrors?.password} />
          ) : kind === "totp" ? (
            <Field label={t("codeLabel")} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus errors={state.fieldErrors?.code} />
          ) : (
            <Field label={t("recoveryLabel")} name="code" autoComplete="off" autoFocus spellCheck={false} errors={state.fieldErrors?.code} />
          )}
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending || lock.locked}>
            {kind === "password" ? t("confirm") : t("verify")}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {t("cancel")}
          </Button>
          {another}
        </div>
      </form>
    </>
  );
}
