"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { makePrimaryPhoneAction, removePhoneAction, type PhoneChangedState } from "@/lib/actions/security/phone";
import type { PhoneCardView } from "@/lib/mfa/phone-factors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

type Phone = PhoneCardView["phones"][number];

/** One verified number: masked, its channel, dates, Remove (asked first), and for the fallback "Use as main number". */
export function PhoneRow({ phone, onChanged }: { phone: Phone; onChanged: (message: string) => void }) {
  const t = useTranslations("phone.card");
  const text = useMessageText();
  const [confirming, setConfirming] = useState(false);
  const remove = useProtectedAction<PhoneChangedState>((formData) => removePhoneAction(formData));
  const promote = useProtectedAction<PhoneChangedState>((formData) => makePrimaryPhoneAction(formData));
  const last = remove.state?.code === "last_factor_confirm";

  const removed = remove.state?.ok ? remove.state : null;
  const promoted = promote.state?.ok ? promote.state : null;
  useEffect(() => {
    if (removed) onChanged(t("removed", { hint: removed.hint ?? phone.hint }));
  }, [removed, onChanged, t, phone.hint]);
  useEffect(() => {
    if (promoted) onChanged(t("madePrimary", { hint: promoted.hint ?? phone.hint }));
  }, [promoted, onChanged, t, phone.hint]);

  const send = (action: typeof remove, extra: Record<string, string> = {}) => {
    const formData = new FormData();
    formData.set("factorId", phone.id);
    for (const [key, value] of Object.entries(extra)) formData.set(key, value);
    action.run(formData);
  };
  const refusal = [remove.state, promote.state].find((state) => state && !state.ok && state.code !== "sudo_required" && state.code !== "last_factor_confirm");
  const cancel = () => (setConfirming(false), remove.reset());

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-3 rounded-md px-3 py-3 ring-1 ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
            <span>{t("masked", { hint: phone.hint })}</span>
            <Badge>{t(phone.channel === "sms" ? "channelSms" : "channelVoice")}</Badge>
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {t.rich("added", { time: () => <LocalTime value={phone.addedAt} style="date" /> })}
            {" · "}
            {phone.lastUsedAt ? t.rich("lastUsed", { time: () => <LocalTime value={phone.lastUsedAt!} /> }) : t("notUsed")}
          </p>
        </div>
        {!confirming && (
          <div className="flex shrink-0 flex-wrap gap-2">
            {phone.fallback && (
              <Button variant="secondary" disabled={promote.pending} onClick={() => send(promote)}>
                {t("makePrimary")}
              </Button>
            )}
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {t("remove")}
            </Button>
          </div>
        )}
      </div>
      {refusal?.message && <Alert tone="error">{text(refusal.message)}</Alert>}
      {promote.sudo && <SudoPrompt method={promote.sudo} onVerified={promote.retry} onCancel={promote.reset} />}
      {confirming &&
        (remove.sudo ? (
          <SudoPrompt method={remove.sudo} onVerified={remove.retry} onCancel={cancel} />
        ) : (
          <div className="rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200" role="group" aria-label={t("removeQuestion", { hint: phone.hint })}>
            <p className="font-medium">{t("removeQuestion", { hint: phone.hint })}</p>
            <p className="mt-1">{last ? t("removeLast") : t("removeWarning")}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button variant="danger" disabled={remove.pending} onClick={() => send(remove, last ? { confirmLast: "true" } : {})}>
                {last ? t("confirmRemoveLast") : t("confirmRemove")}
              </Button>
              <Button variant="secondary" onClick={cancel}>
                {t("cancel")}
              </Button>
            </div>
          </div>
        ))}
    </div>
  );
}
