"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { useMessageText } from "@/components/ui/message-text";
import { joinSentences } from "@/lib/i18n/sentences";

const MINUTE = 60_000;

/** Whole minutes until `lockedUntil`, rounded up so it never says 0; null once over. */
export function lockMinutesLeft(lockedUntil: string, now: number): number | null {
  const left = Date.parse(lockedUntil) - now;
  return left > 0 ? Math.ceil(left / MINUTE) : null;
}

/**
 * For a form whose answer may be "locked": whether it is still locked and what to say (in the
 * viewer's language: the answer's message, then "Try again in 14 minutes."), with a timer that
 * re-renders at each minute boundary and when the lock ends.
 */
export function useLock(state: FormState): { locked: boolean; message?: string } {
  const t = useTranslations("security.lock");
  const locale = useLocale();
  const text = useMessageText();
  const [, setTick] = useState(0);
  const until = state.code === "locked" ? state.lockedUntil : undefined;
  // Read at render: the answer can arrive long after mount, and each tick re-renders.
  const now = Date.now();
  const left = until ? Date.parse(until) - now : 0;
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), left % MINUTE || MINUTE);
    return () => clearTimeout(timer);
  }, [left]);
  const message = state.message ? text(state.message) : undefined;
  if (!until) return { locked: false, message };
  const minutes = lockMinutesLeft(until, now);
  return minutes ? { locked: true, message: joinSentences(locale, message, t("tryAgain", { minutes })) } : { locked: false, message: t("over") };
}
