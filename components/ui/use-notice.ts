"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A result message that takes focus when it appears, for actions whose button disappears
 * (Done, Revoke, Verify): focus lands on what happened instead of falling back to the page.
 * Render it in an <Alert ref={ref}>, whose role=status also announces it.
 */
export function useNotice() {
  // Numbered, so the same words twice in a row (two sessions revoked) still move focus.
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  const show = useCallback((text: string) => setNotice((previous) => ({ text, n: (previous?.n ?? 0) + 1 })), []);
  const clear = useCallback(() => setNotice(null), []);
  return { notice: notice?.text ?? null, ref, show, clear };
}
