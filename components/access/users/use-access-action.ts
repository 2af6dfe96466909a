"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { useMessageText } from "@/components/ui/message-text";
import { useNotice } from "@/components/ui/use-notice";

/**
 * An access page's button or small form: sudo-protected where the action asks for it (the
 * prompt appears in place and the same input goes again once verified), its success said in a
 * notice that takes focus, the page read again (unless `refresh` is false, as for Reveal), and a
 * refusal as text to show.
 */
export function useAccessAction<S extends FormState>(action: (formData: FormData) => Promise<S>, options: { refresh?: boolean; onDone?: (state: S) => void } = {}) {
  const protectedAction = useProtectedAction(action);
  const router = useRouter();
  const text = useMessageText();
  const notice = useNotice();
  const { state } = protectedAction;
  const { show } = notice;
  const { refresh = true, onDone } = options;
  useEffect(() => {
    if (!state?.ok) return;
    if (state.message) show(text(state.message));
    onDone?.(state);
    if (refresh) router.refresh();
    // Once per answer: `state` is a new object for each one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const refusal = state && !state.ok && state.code !== "sudo_required" ? text(state.message) : null;
  return { ...protectedAction, notice, refusal };
}

/** FormData from plain fields (buttons outside a form). */
export function formDataOf(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}
