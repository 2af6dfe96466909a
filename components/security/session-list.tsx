"use client";

import { useState } from "react";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/actions/account/sessions";
import { initialFormState } from "@/lib/actions/form-state-initial";
import type { FormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { useFormAction } from "@/components/ui/use-form-action";
import { useNotice } from "@/components/ui/use-notice";

export type SessionRow = { id: string; browser: string; ip: string | null; lastSeen: string; lastSeenAt: string; created: string; createdAt: string; current: boolean };

const text = {
  listLabel: "Active sessions",
  thisBrowser: "This browser",
  unknownAddress: "Unknown address",
  lastActive: "Last active",
  signedIn: "Signed in",
  revoke: "Revoke",
  confirmQuestion: "Revoke this session?",
  confirm: "Revoke session",
  cancel: "Cancel",
  signOutOthers: "Sign out other sessions",
};

/** Revoke asks first, in place: one stray click should not sign someone out. */
function RevokeButton({ sessionId, onRevoked }: { sessionId: string; onRevoked: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = async (previous: FormState, formData: FormData) => {
    const next = await revokeSessionAction(previous, formData);
    if (next.ok) onRevoked(next.message ?? "");
    return next;
  };
  const { state, pending, form } = useFormAction(revoke, initialFormState);
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {text.revoke}
      </Button>
    );
  }
  return (
    <form {...form} className="flex flex-wrap items-center gap-2" role="group" aria-label={text.confirmQuestion}>
      <input type="hidden" name="sessionId" value={sessionId} />
      {state.message && !state.ok && <Alert tone="error" className="w-full py-2">{state.message}</Alert>}
      <span className="text-sm text-slate-700">{text.confirmQuestion}</span>
      <Button type="submit" variant="danger" disabled={pending}>
        {text.confirm}
      </Button>
      {/* The safe choice takes focus, so a second Enter does not revoke by accident. */}
      <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>
        {text.cancel}
      </Button>
    </form>
  );
}

export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const { notice, ref, show } = useNotice();
  const signOutOthers = async () => {
    const next = await revokeOtherSessionsAction();
    if (next.message) show(next.message);
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
      <ul className="divide-y divide-slate-100" aria-label={text.listLabel}>
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                {session.browser}
                {session.current && <Badge tone="green">{text.thisBrowser}</Badge>}
              </p>
              <p className="text-xs text-slate-500">
                {session.ip ?? text.unknownAddress} · {text.lastActive} <LocalTime value={session.lastSeenAt}>{session.lastSeen}</LocalTime> · {text.signedIn}{" "}
                <LocalTime value={session.createdAt}>{session.created}</LocalTime>
              </p>
            </div>
            {!session.current && <RevokeButton sessionId={session.id} onRevoked={show} />}
          </li>
        ))}
      </ul>
      {count > 0 && (
        <form {...others.form}>
          <Button type="submit" variant="secondary" disabled={others.pending}>
            {text.signOutOthers}
          </Button>
        </form>
      )}
    </div>
  );
}
