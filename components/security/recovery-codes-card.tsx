"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { regenerateRecoveryCodesAction } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useNotice } from "@/components/ui/use-notice";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

const text = { saved: "Your new recovery codes are ready. The old ones no longer work." };

export function RecoveryCodesCard({ remaining, total, low }: { remaining: number; total: number; low: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const regenerate = useProtectedAction(() => regenerateRecoveryCodesAction());
  const fresh = regenerate.state?.ok ? regenerate.state : null;
  const { notice, ref: noticeRef, show, clear } = useNotice();

  return (
    <Card
      title="Recovery codes"
      description="One-time codes for when you cannot use your authenticator app, for example if you lose your phone."
    >
      {fresh?.recoveryCodes ? (
        <RecoveryCodesPanel
          codes={fresh.recoveryCodes}
          text={fresh.recoveryText ?? ""}
          onDone={() => {
            regenerate.reset();
            setConfirming(false);
            show(text.saved);
            router.refresh();
          }}
        />
      ) : regenerate.sudo ? (
        <SudoPrompt method={regenerate.sudo} onVerified={regenerate.retry} onCancel={() => (regenerate.reset(), setConfirming(false))} />
      ) : (
        <div className="space-y-4">
          {notice && (
            <Alert ref={noticeRef} tone="success">
              {notice}
            </Alert>
          )}
          <p className="text-sm text-slate-700">
            <span className="font-semibold text-slate-900">{remaining}</span> of {total} codes left.
          </p>
          {low && (
            <Alert tone="warning">
              {remaining === 0 ? "You have no recovery codes left." : `Only ${remaining} recovery ${remaining === 1 ? "code is" : "codes are"} left.`} Regenerate
              them so you do not get locked out.
            </Alert>
          )}
          {regenerate.state?.message && !regenerate.state.ok && <Alert tone="error">{regenerate.state.message}</Alert>}
          {confirming ? (
            <div className="rounded-lg bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200">
              <p>Your current recovery codes will stop working at once. Make sure you can save the new ones.</p>
              <div className="mt-3 flex gap-2">
                <Button disabled={regenerate.pending} onClick={() => regenerate.run()}>
                  Regenerate
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => (clear(), setConfirming(true))}>
              Regenerate
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
