"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { approveResetAction, refuseResetAction, withdrawResetAction } from "@/lib/actions/support/resets";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { CodeReveal } from "./code-reveal";

/** Approve or Refuse one pending reset (dual control); the approver is shown the code once. */
export function PendingDecision({ resetId }: { resetId: string }) {
  const t = useTranslations("supportResets.pending");
  const text = useMessageText();
  const router = useRouter();
  const approve = useProtectedAction(approveResetAction);
  const refuse = useProtectedAction(refuseResetAction);
  const [done, setDone] = useState(false);
  const form = () => {
    const data = new FormData();
    data.set("resetId", resetId);
    return data;
  };
  const sudo = approve.sudo ?? refuse.sudo;
  const failedState = [approve.state, refuse.state].find((state) => state && !state.ok && state.code !== "sudo_required");
  const issued = approve.state?.ok && approve.state.accessCode ? approve.state : null;
  if (issued && !done) {
    return (
      <CodeReveal
        code={issued.accessCode!}
        expiresAt={issued.expiresAt!}
        onDone={() => {
          setDone(true);
          router.refresh();
        }}
      />
    );
  }
  if (refuse.state?.ok) return <Alert tone="success">{text(refuse.state.message)}</Alert>;
  return (
    <div className="space-y-2">
      {failedState && <Alert tone="error">{text(failedState.message)}</Alert>}
      {sudo ? (
        <SudoPrompt method={sudo} onVerified={approve.sudo ? approve.retry : refuse.retry} onCancel={() => (approve.reset(), refuse.reset())} />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => approve.run(form())} disabled={approve.pending || refuse.pending}>
            {t("approve")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => refuse.run(form())} disabled={approve.pending || refuse.pending}>
            {t("refuse")}
          </Button>
        </div>
      )}
    </div>
  );
}

/** Withdraw: the requester takes back their own pending reset (dual control). */
export function WithdrawRequest({ resetId }: { resetId: string }) {
  const t = useTranslations("supportResets.pending");
  const text = useMessageText();
  const withdraw = useProtectedAction(withdrawResetAction);
  const form = () => {
    const data = new FormData();
    data.set("resetId", resetId);
    return data;
  };
  if (withdraw.state?.ok) return <Alert tone="success">{text(withdraw.state.message)}</Alert>;
  const failed = withdraw.state && !withdraw.state.ok && withdraw.state.code !== "sudo_required" ? withdraw.state : null;
  return (
    <div className="space-y-2">
      {failed && <Alert tone="error">{text(failed.message)}</Alert>}
      {withdraw.sudo ? (
        <SudoPrompt method={withdraw.sudo} onVerified={withdraw.retry} onCancel={() => withdraw.reset()} />
      ) : (
        <Button type="button" variant="secondary" onClick={() => withdraw.run(form())} disabled={withdraw.pending}>
          {t("withdraw")}
        </Button>
      )}
    </div>
  );
}
