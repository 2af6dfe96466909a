"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import type { RouteState } from "@/lib/actions/define-form-route";
import type { FormState } from "@/lib/actions/form-state";
import { errorMessage } from "@/lib/errors";

/** Puts focus on the first field marked invalid, else on the error alert, inside `root`. */
export function focusFirstError(root: HTMLElement | null) {
  const target = root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('[role="alert"]');
  target?.focus();
}

/** The form's ref; once per refusal, focus goes to what needs fixing (re-renders for other reasons must not pull it back). */
function useFocusOnRefusal(state: FormState) {
  const ref = useRef<HTMLFormElement>(null);
  const seen = useRef(state);
  useEffect(() => {
    if (seen.current === state) return;
    seen.current = state;
    if (!state.ok) focusFirstError(ref.current);
  }, [state]);
  return ref;
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
  const ref = useFocusOnRefusal(state);
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

/**
 * The same for a form that posts to a route (lib/actions/define-form-route.ts): the hydrated
 * form sends the FormData by fetch and reads the form state back as JSON; on success it goes
 * where the answer says, as a client-side navigation. Spread `form` onto the <form>: its
 * `action` and `method` make it post (and the route answer with a 303) before hydration.
 */
export function useFormRoute(url: string, initial: RouteState) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [pending, startSending] = useTransition();
  const ref = useFocusOnRefusal(state);
  const send = async (formData: FormData) => {
    const next = await postForm(url, formData);
    // Stays pending until the next page is there, so the button cannot be pressed twice.
    if (next.ok && next.redirectTo) router.replace(next.redirectTo);
    else startSending(() => setState(next));
  };
  return {
    state,
    pending,
    form: {
      ref,
      action: url,
      method: "post",
      noValidate: true,
      onSubmit: (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const formData = new FormData(event.currentTarget, submitter);
        startSending(() => send(formData));
      },
    },
  };
}

async function postForm(url: string, formData: FormData): Promise<RouteState> {
  try {
    // URL-encoded, as the form posts without JavaScript: smaller than multipart and cheaper to read.
    const fields = [...formData].filter((entry): entry is [string, string] => typeof entry[1] === "string");
    const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields), headers: { accept: "application/json" } });
    return (await response.json()) as RouteState;
  } catch {
    // Offline, or an answer that is not ours (a proxy's error page).
    return { message: errorMessage("unexpected"), code: "unexpected" };
  }
}
