"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { confirmEnrolmentAction, type RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/** `qrCode` comes drawn from the server (startEnrolmentAction). */
export type Enrolment = { factorId: string; setupKey: string; uri: string; qrCode: ReactNode };

const initial: RecoveryCodesState = {};

/** Scan the QR code (or open the app, or type the setup key), then prove it with the first code. */
export function TotpEnrolment({ enrolment, onConfirmed, onCancel }: { enrolment: Enrolment; onConfirmed: (state: RecoveryCodesState) => void; onCancel: () => void }) {
  // Confirmed from the answer itself, once, rather than from an effect that re-runs on render.
  const confirm = async (previous: RecoveryCodesState, formData: FormData) => {
    const next = await confirmEnrolmentAction(previous, formData);
    if (next.ok) onConfirmed(next);
    return next;
  };
  const { state, pending, form } = useFormAction(confirm, initial);
  const t = useTranslations("security.enrolment");
  const text = useMessageText();

  return (
    <div className="space-y-5">
      <ol className="space-y-5 text-sm text-slate-700">
        <li>
          <p className="font-medium text-slate-900">{t("scan")}</p>
          <p className="mt-1">{t("apps")}</p>
          <div className="mt-3 inline-block rounded-lg bg-white p-3 ring-1 ring-slate-200">
            {enrolment.qrCode}
          </div>
          <p className="mt-3">{t("onPhone")}</p>
          {/* otpauth:// hands the secret to the authenticator app on the same device (Key URI format). */}
          <a href={enrolment.uri} className={buttonClass("secondary", "mt-2")}>
            {t("open")}
          </a>
        </li>
        <li>
          <p className="font-medium text-slate-900">{t("keyTitle")}</p>
          <SetupKey value={enrolment.setupKey} />
        </li>
        <li>
          <p className="font-medium text-slate-900">{t("enterCode")}</p>
        </li>
      </ol>
      <form {...form} className="space-y-3">
        {state.message && <Alert tone="error">{text(state.message)}</Alert>}
        <input type="hidden" name="factorId" value={enrolment.factorId} />
        <Field label={t("code")} name="code" inputMode="numeric" autoComplete="one-time-code" className="max-w-56" errors={state.fieldErrors?.code} />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {t("verify")}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {t("cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}

function SetupKey({ value }: { value: string }) {
  const t = useTranslations("security.enrolment");
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      // Without spaces: some apps reject the grouped form.
      await navigator.clipboard.writeText(value.replace(/\s+/g, ""));
      setStatus(t("copied"));
    } catch {
      setStatus(t("copyFailed"));
    }
  };
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <code data-testid="totp-secret" className="inline-block max-w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-base tracking-wider break-words text-slate-900 ring-1 ring-slate-200 select-all">
        {value}
      </code>
      <Button variant="secondary" onClick={copy}>
        {t("copy")}
      </Button>
      <span role="status" className="text-sm text-emerald-700">
        {status}
      </span>
    </div>
  );
}
