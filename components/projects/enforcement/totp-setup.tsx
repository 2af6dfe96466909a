"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { startEnrolmentAction, type EnrolmentState, type RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { TotpEnrolment, type Enrolment } from "@/components/security/totp-enrolment";
import { useProtectedAction } from "@/components/security/use-protected-action";

/**
 * The authenticator app, set up as on the Security page (startEnrolmentAction, the sudo prompt
 * when the sign-in is no longer recent, then TotpEnrolment's QR code, setup key and first code).
 * Starts at once: choosing the app was the click that asked for it.
 */
export function TotpSetup({ onConfirmed, onCancel }: { onConfirmed: (state: RecoveryCodesState) => void; onCancel: () => void }) {
  const t = useTranslations("projectAccess.enrol");
  const text = useMessageText();
  const start = useProtectedAction<EnrolmentState>(() => startEnrolmentAction());
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const started = useRef(false);
  const { run } = start;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    run();
  }, [run]);

  const begin = start.state?.ok && start.state.factorId && !enrolment ? start.state : null;
  if (begin) setEnrolment({ factorId: begin.factorId!, setupKey: begin.setupKey!, uri: begin.uri!, qrCode: begin.qrCode });

  if (enrolment) return <TotpEnrolment enrolment={enrolment} onConfirmed={onConfirmed} onCancel={onCancel} />;
  if (start.sudo) return <SudoPrompt method={start.sudo} onVerified={start.retry} onCancel={onCancel} />;
  if (start.state && !start.state.ok) {
    return (
      <div className="space-y-3">
        <Alert tone="error">{text(start.state.message)}</Alert>
        <Button variant="ghost" onClick={onCancel}>
          {t("otherMethod")}
        </Button>
      </div>
    );
  }
  return (
    <p className="text-sm text-slate-600" aria-busy="true">
      {t("preparing")}
    </p>
  );
}
