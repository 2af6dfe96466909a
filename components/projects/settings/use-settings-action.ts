"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { useProtectedAction } from "@/components/security/use-protected-action";
import { useMessageText } from "@/components/ui/message-text";
import { useNotice } from "@/components/ui/use-notice";

/**
 * A settings form's action: sudo-protected (when sudo mode ended while the page was open, the
 * prompt appears in place and the same input goes again), its success said in a notice that
 * takes focus, the page read again afterwards, and a refusal as text to show.
 */
export function useSettingsAction<S extends FormState>(action: (formData: FormData) => Promise<S>, onDone?: () => void) {
  const protectedAction = useProtectedAction(action);
  const router = useRouter();
  const text = useMessageText();
  const notice = useNotice();
  const { state, reset } = protectedAction;
  const { show } = notice;
  const done = state?.ok ? text(state.message) : null;
  useEffect(() => {
    if (done === null) return;
    show(done);
    reset();
    onDone?.();
    router.refresh();
  }, [done, show, reset, onDone, router]);
  const refusal = state && !state.ok && state.code !== "sudo_required" ? text(state.message) : null;
  return { ...protectedAction, notice, refusal };
}
