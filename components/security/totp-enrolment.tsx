"use client";

import { QRCodeSVG } from "qrcode.react";
import { useActionState, useEffect } from "react";
import { confirmEnrolmentAction, type RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export type Enrolment = { factorId: string; setupKey: string; uri: string };

/** Scan the QR code (or type the setup key), then prove it with the first code. */
export function TotpEnrolment({ enrolment, onConfirmed, onCancel }: { enrolment: Enrolment; onConfirmed: (state: RecoveryCodesState) => void; onCancel: () => void }) {
  const [state, action, pending] = useActionState(confirmEnrolmentAction, {} as RecoveryCodesState);
  useEffect(() => {
    if (state.ok) onConfirmed(state);
  }, [state, onConfirmed]);

  return (
    <div className="space-y-5">
      <ol className="space-y-5 text-sm text-slate-700">
        <li>
          <p className="font-medium text-slate-900">1. Scan this QR code with your authenticator app</p>
          <p className="mt-1">Use an app such as 1Password, Authy, Google Authenticator or Microsoft Authenticator.</p>
          <div className="mt-3 inline-block rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <QRCodeSVG value={enrolment.uri} size={176} marginSize={0} title="QR code for your authenticator app" />
          </div>
        </li>
        <li>
          <p className="font-medium text-slate-900">Can&apos;t scan it? Enter this setup key instead</p>
          <code data-testid="totp-secret" className="mt-2 inline-block max-w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-base tracking-wider break-words text-slate-900 ring-1 ring-slate-200 select-all">
            {enrolment.setupKey}
          </code>
        </li>
        <li>
          <p className="font-medium text-slate-900">2. Enter the 6-digit code the app shows</p>
        </li>
      </ol>
      <form action={action} className="space-y-3" noValidate>
        {state.message && <Alert tone="error">{state.message}</Alert>}
        <input type="hidden" name="factorId" value={enrolment.factorId} />
        <Field label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" className="max-w-56" errors={state.fieldErrors?.code} />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            Verify
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
