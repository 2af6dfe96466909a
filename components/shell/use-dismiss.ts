"use client";

import { useEffect, type RefObject } from "react";

/**
 * A menu's way out: while `open`, a click outside `root` closes it (focus is already where the
 * person clicked), and Escape closes it and puts focus back on its `button` (else focus would
 * drop to the page).
 */
export function useDismiss(open: boolean, close: () => void, root: RefObject<HTMLElement | null>, button: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    const dismiss = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        close();
        button.current?.focus();
      } else if (!root.current?.contains(event.target as Node)) {
        close();
      }
    };
    document.addEventListener("mousedown", dismiss);
    document.addEventListener("keydown", dismiss);
    return () => {
      document.removeEventListener("mousedown", dismiss);
      document.removeEventListener("keydown", dismiss);
    };
  }, [open, close, root, button]);
}
