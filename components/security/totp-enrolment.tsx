"use client";

import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";
import { confirmEnrolmentAction, type RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export type Enrolment = { factorId: string; setupKey: string; uri: string };

const text = {
  scan: "1. Scan this QR code with your authenticator app",
  apps: "Use an app such as 1Password, Authy, Google Authenticator or Microsoft Authenticator.",
  qrTitle: "QR code for your authenticator app",
  onPhone: "On this phone? Open the app directly:",
  open: "Open in authenticator app",
  keyTitle: "Can't scan it? Enter this setup key instead",
  copy: "Copy",
  copied: "Setup key copied.",
  copyFailed: "Could not copy. Select the key and copy it instead.",
  enterCode: "2. Enter the 6-digit code the app shows",
  code: "Authentication code",
  verify: "Verify",
  cancel: "Cancel",
};

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

  return (
    <div className="space-y-5">
      <ol className="space-y-5 text-sm text-slate-700">
        <li>
          <p className="font-medium text-slate-900">{text.scan}</p>
          <p className="mt-1">{text.apps}</p>
          <div className="mt-3 inline-block rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <QRCodeSVG value={enrolment.uri} size={176} marginSize={0} title={text.qrTitle} />
          </div>
          <p className="mt-3">{text.onPhone}</p>
          {/* otpauth:// hands the secret to the authenticator app on the same device (Key URI format). */}
          <a href={enrolment.uri} className={buttonClass("secondary", "mt-2")}>
            {text.open}
          </a>
        </li>
        <li>
          <p className="font-medium text-slate-900">{text.keyTitle}</p>
          <SetupKey value={enrolment.setupKey} />
        </li>
        <li>
          <p className="font-medium text-slate-900">{text.enterCode}</p>
        </li>
      </ol>
      <form {...form} className="space-y-3">
        {state.message && <Alert tone="error">{state.message}</Alert>}
        <input type="hidden" name="factorId" value={enrolment.factorId} />
        <Field label={text.code} name="code" inputMode="numeric" autoComplete="one-time-code" className="max-w-56" errors={state.fieldErrors?.code} />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {text.verify}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </div>
  );
}

function SetupKey({ value }: { value: string }) {
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      // Without spaces: some apps reject the grouped form.
      await navigator.clipboard.writeText(value.replace(/\s+/g, ""));
      setStatus(text.copied);
    } catch {
      setStatus(text.copyFailed);
    }
  };
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <code data-testid="totp-secret" className="inline-block max-w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-base tracking-wider break-words text-slate-900 ring-1 ring-slate-200 select-all">
        {value}
      </code>
      <Button variant="secondary" onClick={copy}>
        {text.copy}
      </Button>
      <span role="status" className="text-sm text-emerald-700">
        {status}
      </span>
    </div>
  );
}
