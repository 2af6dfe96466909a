"use client";

import { useEffect, useState } from "react";
import type { FormState } from "@/lib/actions/form-state";

const MINUTE = 60_000;

const text = {
  left: (minutes: number) => (minutes === 1 ? "Try again in 1 minute." : `Try again in ${minutes} minutes.`),
  over: "The lock has ended. You can try again now.",
};

/** "Try again in 14 minutes" until `lockedUntil`, rounded up so it never says 0; null once over. */
export function lockTimeLeft(lockedUntil: string, now: number): string | null {
  const left = Date.parse(lockedUntil) - now;
  return left > 0 ? text.left(Math.ceil(left / MINUTE)) : null;
}

/**
 * For a form whose answer may be "locked": whether it is still locked and what to say, with a
 * timer that re-renders at each minute boundary and when the lock ends.
 */
export function useLock(state: FormState): { locked: boolean; message?: string } {
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
  if (!until) return { locked: false, message: state.message };
  const remaining = lockTimeLeft(until, now);
  return remaining ? { locked: true, message: `${state.message} ${remaining}` } : { locked: false, message: text.over };
}
