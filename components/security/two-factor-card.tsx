"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import {
  disableTwoFactorAction,
  removeAuthenticatorAction,
  startEnrolmentAction,
  type EnrolmentState,
  type RecoveryCodesState,
} from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { useNotice } from "@/components/ui/use-notice";
import { MethodChooser, type FirstMethod } from "./method-chooser";
import { PreferredMethod, type MethodChoice } from "./preferred-method";
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
  /** The authenticator app's factor, when there is one. */
  totpId: string | null;
  /** Every active factor but fallback numbers, for the preferred method. */
  methods: MethodChoice[];
  preferredId: string | null;
  /** The method turning 2FA on suggests: the one preferred before (Twilio). */
  preselected: FirstMethod;
};

const stateBadge = {
  not_enabled: { tone: "slate", key: "notEnabled" },
  enabled: { tone: "green", key: "enabled" },
  expired: { tone: "amber", key: "expired" },
} as const;

export function TwoFactorCard({ view }: { view: TwoFactorView }) {
  const t = useTranslations("security.twoFactor");
  const text = useMessageText();
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<RecoveryCodesState | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const start = useProtectedAction<EnrolmentState>(() => startEnrolmentAction());
  const disable = useProtectedAction(() => disableTwoFactorAction());
  const removeApp = useProtectedAction((formData) => removeAuthenticatorAction(formData));
  const [choosing, setChoosing] = useState(false);
  const { notice, ref: noticeRef, show, clear } = useNotice();

  const begin = start.state?.ok && start.state.factorId && !enrolment ? start.state : null;
  if (begin) setEnrolment({ factorId: begin.factorId!, setupKey: begin.setupKey!, uri: begin.uri!, qrCode: begin.qrCode });

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
    (state: RecoveryCodesState) => (state.recoveryCodes ? setCodes(state) : finish(state.reenrolled ? t("replaced") : t("appAdded"))),
    [finish, t],
  );
  const enabled = view.state !== "not_enabled";
  const disabledNow = disable.state?.ok === true;
  const disabledState = disabledNow ? disable.state : null;
  const disabledMessage = disabledState ? text(disabledState.message) : "";
  useEffect(() => {
    if (!disabledState) return;
    setConfirmingDisable(false);
    show(disabledMessage);
    router.refresh();
  }, [disabledState, disabledMessage, router, show]);
  const removedState = removeApp.state?.ok ? removeApp.state : null;
  const removedMessage = removedState ? text(removedState.message) : "";
  useEffect(() => {
    if (!removedState) return;
    show(removedMessage);
    router.refresh();
  }, [removedState, removedMessage, router, show]);
  const removeAppForm = () => {
    const form = new FormData();
    form.set("factorId", view.totpId ?? "");
    return form;
  };

  return (
    <Card
      title={t("title")}
      description={t("description")}
      actions={
        <span className="flex items-center gap-2 text-sm text-slate-600">
          {t("status")} <Badge tone={stateBadge[view.state].tone}>{t(stateBadge[view.state].key)}</Badge>
        </span>
      }
    >
      <div className="space-y-4">
        {notice && (
          <Alert ref={noticeRef} tone="success">
            {notice}
          </Alert>
        )}
        {view.lockedUntil && (
          <Alert tone="error">
            {t.rich("lockedUntil", { time: () => <LocalTime value={view.lockedUntil!} /> })}
          </Alert>
        )}
        {view.state === "expired" && !enrolment && !codes && (
          <Alert tone="warning">{t("expiredNotice")}</Alert>
        )}

        {codes?.recoveryCodes ? (
          <RecoveryCodesPanel codes={codes.recoveryCodes} text={codes.recoveryText ?? ""} onDone={() => finish(t("enabledNow"))} />
        ) : enrolment ? (
          <TotpEnrolment enrolment={enrolment} onConfirmed={confirmed} onCancel={() => (setEnrolment(null), start.reset())} />
        ) : start.sudo ? (
          <SudoPrompt method={start.sudo} onVerified={start.retry} onCancel={start.reset} />
        ) : disable.sudo ? (
          <SudoPrompt method={disable.sudo} onVerified={disable.retry} onCancel={() => (disable.reset(), setConfirmingDisable(false))} />
        ) : removeApp.sudo ? (
          <SudoPrompt method={removeApp.sudo} onVerified={removeApp.retry} onCancel={removeApp.reset} />
        ) : choosing ? (
          <MethodChooser preselected={view.preselected} onTotp={() => (setChoosing(false), clear(), start.run())} onCancel={() => setChoosing(false)} />
        ) : (
          <>
            {start.state?.message && !start.state.ok && <Alert tone="error">{text(start.state.message)}</Alert>}
            {disable.state?.message && !disable.state.ok && <Alert tone="error">{text(disable.state.message)}</Alert>}
            {removeApp.state?.message && !removeApp.state.ok && <Alert tone="error">{text(removeApp.state.message)}</Alert>}
            {enabled ? (
              <>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="text-slate-500">{t("app")}</dt>
                  <dd className="font-medium text-slate-900">
                    {view.totpId ? view.addedOn && t.rich("added", { time: () => <LocalTime value={view.addedOn!} /> }) : t("appNotSetUp")}
                  </dd>
                  {view.totpId && (
                    <>
                      <dt className="text-slate-500">{t("lastUsed")}</dt>
                      <dd>{view.lastUsed ?? t("notYet")}</dd>
                    </>
                  )}
                </dl>
                {view.methods.length > 1 && <PreferredMethod methods={view.methods} preferredId={view.preferredId} />}
              </>
            ) : (
              <p className="text-sm text-slate-600">{t("without")}</p>
            )}
            {confirmingDisable ? (
              <div className="rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200">
                <p className="font-medium">{t("disableQuestion")}</p>
                <p className="mt-1">{t("disableWarning")}</p>
                <div className="mt-3 flex gap-2">
                  <Button variant="danger" disabled={disable.pending} onClick={() => disable.run()}>
                    {t("turnOff")}
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirmingDisable(false)}>
                    {t("keepOn")}
                  </Button>
                </div>
              </div>
            ) : (
              <div className="flex flex-wrap gap-2">
                {enabled ? (
                  <>
                    <Button variant={view.state === "expired" ? "primary" : "secondary"} disabled={start.pending} onClick={() => (clear(), start.run())}>
                      {view.totpId ? t("reenrol") : t("setUpApp")}
                    </Button>
                    {view.totpId && view.methods.length > 1 && (
                      <Button variant="secondary" disabled={removeApp.pending} onClick={() => (clear(), removeApp.run(removeAppForm()))}>
                        {t("removeApp")}
                      </Button>
                    )}
                    <Button variant="secondary" onClick={() => setConfirmingDisable(true)}>
                      {t("disable")}
                    </Button>
                  </>
                ) : (
                  <Button disabled={start.pending} onClick={() => (clear(), setChoosing(true))}>
                    {t("enable")}
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
