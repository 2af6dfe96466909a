"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { FormState } from "@/lib/actions/form-state";

/** Puts focus on the first field marked invalid, else on the error alert, inside `root`. */
export function focusFirstError(root: HTMLElement | null) {
  const target = root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('[role="alert"]');
  target?.focus();
}

/**
 * Submits by hand: it keeps what was typed. React 19 resets a `<form action>` after every
 * action, which wiped the email after a wrong password; passwords stay in the browser this way
 * instead of being echoed back by the server.
 */
export function submitKeepingInput(event: FormEvent<HTMLFormElement>, send: (formData: FormData) => void) {
  event.preventDefault();
  const submitter = (event.nativeEvent as SubmitEvent).submitter;
  const formData = new FormData(event.currentTarget, submitter);
  startTransition(() => send(formData));
}

/**
 * The one way forms call server actions: state from useActionState, input kept on error,
 * focus moved to what needs fixing. Spread `form` onto the <form>. `action` stays on the form so
 * it still posts before hydration; once hydrated, onSubmit takes over.
 */
export function useFormAction<S extends FormState>(action: (previous: S, formData: FormData) => Promise<S>, initial: S) {
  // Awaited<S> is S for these plain objects; TypeScript cannot see that for a generic S.
  const [state, dispatch, pending] = useActionState<S, FormData>(action as (previous: Awaited<S>, formData: FormData) => Promise<S>, initial as Awaited<S>);
  const ref = useRef<HTMLFormElement>(null);
  // Once per answer: re-renders for other reasons must not pull focus back.
  const seen = useRef(state);
  useEffect(() => {
    if (seen.current === state) return;
    seen.current = state;
    if (!state.ok) focusFirstError(ref.current);
  }, [state]);
  return {
    state,
    pending,
    form: {
      ref,
      action: dispatch,
      noValidate: true,
      onSubmit: (event: FormEvent<HTMLFormElement>) => submitKeepingInput(event, dispatch),
    },
  };
}
