"use client";

import { useRef, useState, useTransition } from "react";
import type { FormState } from "@/lib/actions/form-state";

/**
 * Runs a sudo-protected server action. When the action answers "sudo_required", the caller
 * shows the SudoPrompt in place and calls `retry` once verified: the same input goes again.
 */
export function useProtectedAction<S extends FormState>(action: (formData: FormData) => Promise<S>) {
  const [state, setState] = useState<S | null>(null);
  const [pending, startTransition] = useTransition();
  const lastInput = useRef<FormData>(new FormData());

  const run = (formData: FormData = new FormData()) => {
    lastInput.current = formData;
    startTransition(async () => setState(await action(formData)));
  };
  return {
    state,
    pending,
    run,
    retry: () => run(lastInput.current),
    reset: () => setState(null),
    sudo: state?.code === "sudo_required" ? state.sudo : undefined,
  };
}
