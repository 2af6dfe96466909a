"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { revokeAllTrustedComputersAction, revokeTrustedComputerAction } from "@/lib/actions/security/trusted-computers";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { usePolicyValues } from "@/components/ui/policy-values";
import { useFormAction } from "@/components/ui/use-form-action";
import { useNotice } from "@/components/ui/use-notice";

/** Times are ISO 8601, shown in the viewer's zone; `label` is the browser and system in the viewer's words. */
export type TrustedComputerRow = { id: string; label: string; ip: string | null; createdAt: string; lastUsedAt: string; expiresAt: string; current: boolean };

/** Revoking only makes sign-in stricter (the next one is challenged), so it asks nothing first. */
function RevokeButton({ id, label, onRevoked }: { id: string; label: string; onRevoked: (message: string) => void }) {
  const t = useTranslations("trust.computers");
  const text = useMessageText();
  const revoke = async (previous: FormState, formData: FormData) => {
    const next = await revokeTrustedComputerAction(previous, formData);
    if (next.ok) onRevoked(text(next.message));
    return next;
  };
  const { state, pending, form } = useFormAction(revoke, initialFormState);
  return (
    <form {...form} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="trustedComputerId" value={id} />
      {state.message && !state.ok && <Alert tone="error" className="w-full py-2">{text(state.message)}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending} aria-description={label}>
        {t("revoke")}
      </Button>
    </form>
  );
}

/**
 * The browsers trusted under "Once per computer" (data-testid="trusted-computers"): each with its
 * address, first and last use and the end of its trust, a Revoke each and Revoke all. At "every
 * login" they are listed with a note that they are ignored.
 */
export function TrustedComputers({ computers, ignored }: { computers: TrustedComputerRow[]; ignored: boolean }) {
  const t = useTranslations("trust.computers");
  const text = useMessageText();
  const { trustDays } = usePolicyValues();
  const { notice, ref, show } = useNotice();
  const revokeAll = async () => {
    const next = await revokeAllTrustedComputersAction();
    if (next.message) show(text(next.message));
    return next;
  };
  const all = useFormAction(revokeAll, initialFormState);
  const time = (value: string) => () => <LocalTime value={value} />;
  return (
    <div data-testid="trusted-computers">
      <Card title={t("title")} description={t("description", { trustDays })}>
        <div className="space-y-4">
          {notice && (
            <Alert ref={ref} tone="success">
              {notice}
            </Alert>
          )}
          {ignored && computers.length > 0 && <Alert tone="info">{t("ignored")}</Alert>}
          {computers.length === 0 ? (
            <p className="text-sm text-slate-600">{t("empty", { trustDays })}</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label={t("listLabel")}>
              {computers.map((computer) => (
                <li key={computer.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      {computer.label}
                      {computer.current && <Badge tone="green">{t("thisBrowser")}</Badge>}
                    </p>
                    <p className="text-xs text-slate-500">
                      {computer.ip ?? t("unknownAddress")} · {t.rich("lastUsed", { time: time(computer.lastUsedAt) })}
                    </p>
                    <p className="text-xs text-slate-500">
                      {t.rich("firstUsed", { time: time(computer.createdAt) })} · {t.rich("expires", { time: time(computer.expiresAt) })}
                    </p>
                  </div>
                  <RevokeButton id={computer.id} label={computer.label} onRevoked={show} />
                </li>
              ))}
            </ul>
          )}
          {computers.length > 0 && (
            <form {...all.form}>
              {all.state.message && !all.state.ok && <Alert tone="error" className="mb-2">{text(all.state.message)}</Alert>}
              <Button type="submit" variant="secondary" disabled={all.pending}>
                {t("revokeAll")}
              </Button>
            </form>
          )}
        </div>
      </Card>
    </div>
  );
}
