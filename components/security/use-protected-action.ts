"use client";

import { useCallback, useRef, useState, useTransition } from "react";
import type { FormState } from "@/lib/actions/form-state";

/**
 * Runs a sudo-protected server action. When the action answers "sudo_required", the caller
 * shows the SudoPrompt in place and calls `retry` once verified: the same input goes again.
 */
export function useProtectedAction<S extends FormState>(action: (formData: FormData) => Promise<S>) {
  const [state, setState] = useState<S | null>(null);
  const [pending, startTransition] = useTransition();
  const lastInput = useRef<FormData>(new FormData());

  const latest = useRef(action);
  latest.current = action;
  // Stable across renders, so a caller's effect or memo never fires again just because of them.
  const run = useCallback((formData: FormData = new FormData()) => {
    lastInput.current = formData;
    startTransition(async () => setState(await latest.current(formData)));
  }, []);
  const retry = useCallback(() => run(lastInput.current), [run]);
  const reset = useCallback(() => setState(null), []);
  return {
    state,
    pending,
    run,
    retry,
    reset,
    sudo: state?.code === "sudo_required" ? state.sudo : undefined,
  };
}
