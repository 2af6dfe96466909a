"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { regenerateRecoveryCodesAction, type RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useMessageText } from "@/components/ui/message-text";
import { joinSentences } from "@/lib/i18n/sentences";
import { useNotice } from "@/components/ui/use-notice";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

export function RecoveryCodesCard({ remaining, total, low }: { remaining: number; total: number; low: boolean }) {
  const t = useTranslations("security.recoveryCodes");
  const locale = useLocale();
  const text = useMessageText();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const regenerate = useProtectedAction<RecoveryCodesState>(() => regenerateRecoveryCodesAction());
  const fresh = regenerate.state?.ok ? regenerate.state : null;
  const { notice, ref: noticeRef, show, clear } = useNotice();

  return (
    <Card
      title={t("title")}
      description={t("description")}
    >
      {fresh?.recoveryCodes ? (
        <RecoveryCodesPanel
          codes={fresh.recoveryCodes}
          text={fresh.recoveryText ?? ""}
          onDone={() => {
            regenerate.reset();
            setConfirming(false);
            show(t("saved"));
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
            {t.rich("left", { remaining, total, strong: (chunks) => <span className="font-semibold text-slate-900">{chunks}</span> })}
          </p>
          {low && (
            <Alert tone="warning">
              {joinSentences(locale, remaining === 0 ? t("none") : t("few", { count: remaining }), t("advice"))}
            </Alert>
          )}
          {regenerate.state?.message && !regenerate.state.ok && <Alert tone="error">{text(regenerate.state.message)}</Alert>}
          {confirming ? (
            <div className="rounded-lg bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200">
              <p>{t("confirmRegenerate")}</p>
              <div className="mt-3 flex gap-2">
                <Button disabled={regenerate.pending} onClick={() => regenerate.run()}>
                  {t("regenerate")}
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  {t("cancel")}
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => (clear(), setConfirming(true))}>
              {t("regenerate")}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
