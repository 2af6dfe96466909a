"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { PhoneVerifiedState } from "@/lib/actions/security/phone";
import type { PhoneCardView } from "@/lib/mfa/phone-factors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useNotice } from "@/components/ui/use-notice";
import { PhoneNumberForm, PhoneVerifyForm, type StartedPhone } from "./phone-enrolment";
import { PhoneRow } from "./phone-row";
import { RecoveryCodesPanel } from "./recovery-codes-panel";

/** What the card is busy with: entering a number, verifying it, or showing new recovery codes. */
type Panel =
  | { kind: "number"; fallback: boolean; replacing: boolean }
  | { kind: "verify"; started: StartedPhone }
  | { kind: "codes"; codes: string[]; text: string; message: string }
  | null;

/**
 * Text message and voice call on the security page: the main number and the fallback number
 * (masked), how codes come, when each was added and last used, Remove, and the SIM-swap warning.
 */
export function PhoneCard({ view }: { view: PhoneCardView }) {
  const t = useTranslations("phone.card");
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>(null);
  const { notice, ref: noticeRef, show, clear } = useNotice();
  const primary = view.phones.find((phone) => !phone.fallback);
  const fallback = view.phones.find((phone) => phone.fallback);

  const open = (fallbackRole: boolean) => {
    clear();
    setPanel({ kind: "number", fallback: fallbackRole, replacing: fallbackRole ? !!fallback : !!primary });
  };
  const started = useCallback((phone: StartedPhone) => setPanel({ kind: "verify", started: phone }), []);
  const verified = useCallback(
    (state: PhoneVerifiedState) => {
      const message = t(state.fallback ? "verifiedFallback" : "verified", { hint: state.hint ?? "" });
      if (state.recoveryCodes) setPanel({ kind: "codes", codes: state.recoveryCodes, text: state.recoveryText ?? "", message });
      else {
        setPanel(null);
        show(message);
      }
      router.refresh();
    },
    [router, show, t],
  );
  const changed = useCallback(
    (message: string) => {
      show(message);
      router.refresh();
    },
    [router, show],
  );

  const enrolling = (fallbackRole: boolean) =>
    panel?.kind === "number" && panel.fallback === fallbackRole ? (
      <PhoneNumberForm fallback={fallbackRole} replacing={panel.replacing} onStarted={started} onCancel={() => setPanel(null)} />
    ) : panel?.kind === "verify" && panel.started.fallback === fallbackRole ? (
      <PhoneVerifyForm started={panel.started} onVerified={verified} onCancel={() => setPanel(null)} />
    ) : null;

  return (
    <div id="phone" className="scroll-mt-6">
      <Card title={t("title")} description={t("description")}>
        <div className="space-y-5">
          <Alert tone="warning">
            <strong className="block font-semibold">{t("riskTitle")}</strong>
            {t("risk")}
          </Alert>
          {!view.available && <Alert tone="info">{t("unavailable")}</Alert>}
          {notice && (
            <Alert ref={noticeRef} tone="success">
              {notice}
            </Alert>
          )}
          {panel?.kind === "codes" ? (
            <RecoveryCodesPanel
              codes={panel.codes}
              text={panel.text}
              onDone={() => {
                setPanel(null);
                show(panel.message);
              }}
            />
          ) : (
            <>
              <section aria-labelledby="phone-primary" className="space-y-3">
                <h3 id="phone-primary" className="text-sm font-semibold text-slate-900">
                  {t("primaryTitle")}
                </h3>
                {primary ? <PhoneRow phone={primary} onChanged={changed} /> : <p className="text-sm text-slate-600">{t("primaryNone")}</p>}
                {enrolling(false) ??
                  (view.available && (
                    <Button variant={primary ? "secondary" : "primary"} onClick={() => open(false)}>
                      {primary ? t("change") : t("add")}
                    </Button>
                  ))}
              </section>
              <section aria-labelledby="phone-fallback" className="space-y-3 border-t border-slate-100 pt-4">
                <div>
                  <h3 id="phone-fallback" className="text-sm font-semibold text-slate-900">
                    {t("fallbackTitle")}
                  </h3>
                  <p className="mt-1 text-sm text-slate-600">{t("fallbackDescription")}</p>
                </div>
                <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">{t("fallbackWarning")}</p>
                {fallback ? <PhoneRow phone={fallback} onChanged={changed} /> : <p className="text-sm text-slate-600">{t("fallbackNone")}</p>}
                {enrolling(true) ??
                  (view.available &&
                    (view.canAddFallback ? (
                      <Button variant="secondary" onClick={() => open(true)}>
                        {fallback ? t("changeFallback") : t("addFallback")}
                      </Button>
                    ) : (
                      <p className="text-sm text-slate-500">{t("fallbackNeedsFactor")}</p>
                    )))}
              </section>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
