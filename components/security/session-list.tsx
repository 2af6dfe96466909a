"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/actions/account/sessions";
import { initialFormState } from "@/lib/actions/form-state-initial";
import type { FormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { useNotice } from "@/components/ui/use-notice";

/**
 * `lastSeen` and `created` are already words in the viewer's language ("5 minutes ago"); the ISO
 * times become their tooltips. `endsAt`: when the session ends, at its idle limit when
 * `endsUnlessUsed` (a session verified with a second factor), else at its overall end.
 */
export type SessionRow = {
  id: string;
  browser: string;
  ip: string | null;
  lastSeen: string;
  lastSeenAt: string;
  created: string;
  createdAt: string;
  endsAt: string;
  endsUnlessUsed: boolean;
  current: boolean;
};

/** Revoke asks first, in place: one stray click should not sign someone out. */
function RevokeButton({ sessionId, onRevoked }: { sessionId: string; onRevoked: (message: string) => void }) {
  const t = useTranslations("security.sessions");
  const text = useMessageText();
  const [confirming, setConfirming] = useState(false);
  const revoke = async (previous: FormState, formData: FormData) => {
    const next = await revokeSessionAction(previous, formData);
    if (next.ok) onRevoked(text(next.message));
    return next;
  };
  const { state, pending, form } = useFormAction(revoke, initialFormState);
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {t("revoke")}
      </Button>
    );
  }
  return (
    <form {...form} className="flex flex-wrap items-center gap-2" role="group" aria-label={t("confirmQuestion")}>
      <input type="hidden" name="sessionId" value={sessionId} />
      {state.message && !state.ok && <Alert tone="error" className="w-full py-2">{text(state.message)}</Alert>}
      <span className="text-sm text-slate-700">{t("confirmQuestion")}</span>
      <Button type="submit" variant="danger" disabled={pending}>
        {t("confirm")}
      </Button>
      {/* The safe choice takes focus, so a second Enter does not revoke by accident. */}
      <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>
        {t("cancel")}
      </Button>
    </form>
  );
}

export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const t = useTranslations("security.sessions");
  const ends = useTranslations("trust.sessions");
  const text = useMessageText();
  const { notice, ref, show } = useNotice();
  const signOutOthers = async () => {
    const next = await revokeOtherSessionsAction();
    if (next.message) show(text(next.message));
    return next;
  };
  const others = useFormAction(signOutOthers, initialFormState);
  const count = sessions.filter((session) => !session.current).length;
  return (
    <div className="space-y-4">
      {notice && (
        <Alert ref={ref} tone="success">
          {notice}
        </Alert>
      )}
      <ul className="divide-y divide-slate-100" aria-label={t("listLabel")}>
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                {session.browser}
                {session.current && <Badge tone="green">{t("thisBrowser")}</Badge>}
              </p>
              <p className="text-xs text-slate-500">
                {session.ip ?? t("unknownAddress")} ·{" "}
                {t.rich("lastActive", { ago: session.lastSeen, time: (chunks) => <LocalTime value={session.lastSeenAt}>{chunks}</LocalTime> })} ·{" "}
                {t.rich("signedIn", { ago: session.created, time: (chunks) => <LocalTime value={session.createdAt}>{chunks}</LocalTime> })}
              </p>
              <p className="text-xs text-slate-500">
                {ends.rich(session.endsUnlessUsed ? "endsUnlessUsed" : "ends", { time: () => <LocalTime value={session.endsAt} /> })}
              </p>
            </div>
            {!session.current && <RevokeButton sessionId={session.id} onRevoked={show} />}
          </li>
        ))}
      </ul>
      {count > 0 && (
        <form {...others.form}>
          <Button type="submit" variant="secondary" disabled={others.pending}>
            {t("signOutOthers")}
          </Button>
        </form>
      )}
    </div>
  );
}
