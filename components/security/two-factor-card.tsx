"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { disableTwoFactorAction, startEnrolmentAction, type EnrolmentState, type RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { useNotice } from "@/components/ui/use-notice";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { SudoPrompt } from "./sudo-prompt";
import { TotpEnrolment, type Enrolment } from "./totp-enrolment";
import { useProtectedAction } from "./use-protected-action";

/** Times are ISO 8601, shown in the viewer's zone. */
export type TwoFactorView = {
  state: "not_enabled" | "enabled" | "expired";
  addedOn: string | null;
  lastUsed: string | null;
  lockedUntil: string | null;
};

const text = {
  enabledNow: "Two-factor authentication is on.",
  replaced: "Your new authenticator app is set up. The old one no longer works.",
};

const stateBadge = {
  not_enabled: <Badge tone="slate">Not enabled</Badge>,
  enabled: <Badge tone="green">Enabled</Badge>,
  expired: <Badge tone="amber">Expired</Badge>,
};

export function TwoFactorCard({ view }: { view: TwoFactorView }) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<RecoveryCodesState | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const start = useProtectedAction<EnrolmentState>(() => startEnrolmentAction());
  const disable = useProtectedAction(() => disableTwoFactorAction());
  const { notice, ref: noticeRef, show, clear } = useNotice();

  const begin = start.state?.ok && start.state.factorId && !enrolment ? start.state : null;
  if (begin) setEnrolment({ factorId: begin.factorId!, setupKey: begin.setupKey!, uri: begin.uri! });

  const { reset: resetStart } = start;
  // Done (or Verify on a re-enrolment) removes the button that had focus: the result takes it.
  const finish = useCallback(
    (message: string) => {
      setEnrolment(null);
      setCodes(null);
      resetStart();
      show(message);
      router.refresh();
    },
    [router, resetStart, show],
  );
  const confirmed = useCallback(
    (state: RecoveryCodesState) => (state.recoveryCodes ? setCodes(state) : finish(text.replaced)),
    [finish],
  );
  const enabled = view.state !== "not_enabled";
  const disabledNow = disable.state?.ok === true;
  const disabledState = disabledNow ? disable.state : null;
  useEffect(() => {
    if (!disabledState) return;
    setConfirmingDisable(false);
    show(disabledState.message ?? "");
    router.refresh();
  }, [disabledState, router, show]);

  return (
    <Card
      title="Two-factor authentication"
      description="A code from an authenticator app on your phone, asked for after your password."
      actions={<span className="flex items-center gap-2 text-sm text-slate-600">Status: {stateBadge[view.state]}</span>}
    >
      <div className="space-y-4">
        {notice && (
          <Alert ref={noticeRef} tone="success">
            {notice}
          </Alert>
        )}
        {view.lockedUntil && (
          <Alert tone="error">
            Too many wrong codes: two-factor sign-in is locked until <LocalTime value={view.lockedUntil} />.
          </Alert>
        )}
        {view.state === "expired" && !enrolment && !codes && (
          <Alert tone="warning">
            Your authenticator has not changed in a long time. It still works, but we recommend re-enrolling to rotate its secret.
            Your current app keeps working until the new one is confirmed.
          </Alert>
        )}

        {codes?.recoveryCodes ? (
          <RecoveryCodesPanel codes={codes.recoveryCodes} text={codes.recoveryText ?? ""} onDone={() => finish(text.enabledNow)} />
        ) : enrolment ? (
          <TotpEnrolment enrolment={enrolment} onConfirmed={confirmed} onCancel={() => (setEnrolment(null), start.reset())} />
        ) : start.sudo ? (
          <SudoPrompt method={start.sudo} onVerified={start.retry} onCancel={start.reset} />
        ) : disable.sudo ? (
          <SudoPrompt method={disable.sudo} onVerified={disable.retry} onCancel={() => (disable.reset(), setConfirmingDisable(false))} />
        ) : (
          <>
            {start.state?.message && !start.state.ok && <Alert tone="error">{start.state.message}</Alert>}
            {disable.state?.message && !disable.state.ok && <Alert tone="error">{disable.state.message}</Alert>}
            {enabled ? (
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="text-slate-500">Authenticator app</dt>
                <dd className="font-medium text-slate-900">Added {view.addedOn && <LocalTime value={view.addedOn} />}</dd>
                <dt className="text-slate-500">Last used</dt>
                <dd>{view.lastUsed ?? "Not yet"}</dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">
                Without two-factor authentication, anyone who learns your password can sign in as you.
              </p>
            )}
            {confirmingDisable ? (
              <div className="rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200">
                <p className="font-medium">Turn off two-factor authentication?</p>
                <p className="mt-1">
                  Your password alone will then be enough to sign in. Your authenticator app and recovery codes stop working, and
                  projects that require two-factor authentication will ask you to set it up again.
                </p>
                <div className="mt-3 flex gap-2">
                  <Button variant="danger" disabled={disable.pending} onClick={() => disable.run()}>
                    Turn off
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirmingDisable(false)}>
                    Keep it on
                  </Button>
                </div>
              </div>
            ) : (
              <div className="flex flex-wrap gap-2">
                {enabled ? (
                  <>
                    <Button variant={view.state === "expired" ? "primary" : "secondary"} disabled={start.pending} onClick={() => (clear(), start.run())}>
                      Re-enrol authenticator app
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirmingDisable(true)}>
                      Disable two-factor authentication
                    </Button>
                  </>
                ) : (
                  <Button disabled={start.pending} onClick={() => (clear(), start.run())}>
                    Enable two-factor authentication
                  </Button>
                )}
              </div>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
