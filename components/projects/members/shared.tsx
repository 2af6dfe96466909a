"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";

/** Without a width: callers give one. */
export const selectClass =
  "block rounded-md border-0 bg-white py-2 pr-8 pl-3 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-500 sm:text-sm";

/** A server action as the members page calls it: a FormData in, form state out. */
export type MemberAction = (formData: FormData) => Promise<FormState>;

/**
 * Runs one of the members page's actions: when it asks for sudo mode the "Confirm it is you"
 * prompt appears in place and the same input goes again once verified. The page refreshes from
 * the action itself (revalidatePath).
 */
export function useMemberAction(action: MemberAction) {
  return useProtectedAction(action);
}

/** What an action answered (not the sudo request, which shows the prompt instead), and the prompt. */
export function ActionOutcome({ run, showSuccess = true }: { run: ReturnType<typeof useMemberAction>; showSuccess?: boolean }) {
  const text = useMessageText();
  const ref = useRef<HTMLDivElement>(null);
  const { state } = run;
  useEffect(() => {
    if (state && state.code !== "sudo_required") ref.current?.focus();
  }, [state]);
  return (
    <>
      {state?.message && state.code !== "sudo_required" && (state.ok ? showSuccess : true) && (
        <Alert ref={ref} tone={state.ok ? "success" : "error"} className="mt-2">
          {text(state.message)}
        </Alert>
      )}
      {run.sudo && (
        <div className="mt-3">
          <SudoPrompt method={run.sudo} onVerified={run.retry} onCancel={run.reset} />
        </div>
      )}
    </>
  );
}

/**
 * A button that asks first ("Remove Ada from this project?"), with the keyboard in mind: the
 * question takes focus, Cancel gives it back to the button.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  variant = "danger",
  disabled,
  pending,
  onConfirm,
}: {
  label: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  disabled?: boolean;
  pending?: boolean;
  onConfirm: () => void;
}) {
  const t = useTranslations("projectMembers");
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={trigger} type="button" className={buttonClass("secondary", "py-1.5")} disabled={disabled || pending} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">{question}</span>
      <button
        ref={confirm}
        type="button"
        className={buttonClass(variant, "py-1.5")}
        disabled={pending}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className={buttonClass("ghost", "py-1.5")} onClick={() => setAsking(false)}>
        {t("cancel")}
      </button>
    </div>
  );
}

/** FormData from plain fields, for actions run from buttons. */
export function fields(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}
