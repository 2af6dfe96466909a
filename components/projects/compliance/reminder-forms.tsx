"use client";

import { sendReminderAction, sendRemindersAction } from "@/lib/actions/projects/compliance";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * "Send reminder" for one member, and for everyone not compliant. The server decides again
 * whether a reminder is due (compliance, one per member per day); what it answers shows beside
 * the button: the refusal in words, or that it went.
 */
export function ReminderButton({ projectId, userId, label, accessibleLabel }: { projectId: string; userId: string; label: string; accessibleLabel: string }) {
  const { state, pending, form } = useFormAction(sendReminderAction, initialFormState);
  return (
    <form {...form} className="flex flex-col items-start gap-1">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="secondary" className="whitespace-nowrap" disabled={pending} aria-label={accessibleLabel}>
        {label}
      </Button>
      <Outcome state={state} />
    </form>
  );
}

export function RemindAllButton({ projectId, label }: { projectId: string; label: string }) {
  const { state, pending, form } = useFormAction(sendRemindersAction, initialFormState);
  return (
    <form {...form} className="flex flex-col items-start gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <Button type="submit" disabled={pending}>
        {label}
      </Button>
      <Outcome state={state} />
    </form>
  );
}

function Outcome({ state }: { state: { ok?: boolean; message?: Parameters<ReturnType<typeof useMessageText>>[0] } }) {
  const text = useMessageText();
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} tabIndex={-1} className={`max-w-xs text-xs outline-none ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
      {text(state.message)}
    </p>
  );
}
