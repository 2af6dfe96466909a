"use client";

import { useActionState } from "react";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/actions/account/sessions";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";

export type SessionRow = { id: string; browser: string; ip: string | null; lastSeen: string; created: string; current: boolean };

function RevokeButton({ sessionId }: { sessionId: string }) {
  const [state, action, pending] = useActionState(revokeSessionAction, initialFormState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      {state.message && !state.ok && <span className="text-sm text-red-700">{state.message}</span>}
      <Button type="submit" variant="secondary" disabled={pending}>
        Revoke
      </Button>
    </form>
  );
}

export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const [state, revokeOthers, pending] = useActionState(async () => revokeOtherSessionsAction(), initialFormState);
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="space-y-4">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <ul className="divide-y divide-slate-100" aria-label="Active sessions">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                {session.browser}
                {session.current && <Badge tone="green">This browser</Badge>}
              </p>
              <p className="text-xs text-slate-500">
                {session.ip ?? "Unknown address"} · Last active {session.lastSeen} · Signed in {session.created}
              </p>
            </div>
            {!session.current && <RevokeButton sessionId={session.id} />}
          </li>
        ))}
      </ul>
      {others > 0 && (
        <form action={revokeOthers}>
          <Button type="submit" variant="secondary" disabled={pending}>
            Sign out other sessions
          </Button>
        </form>
      )}
    </div>
  );
}
