import type { ReactNode, Ref } from "react";

const tones = {
  error: "bg-red-50 text-red-800 ring-red-200",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  info: "bg-sky-50 text-sky-900 ring-sky-200",
} as const;

/**
 * Alerts can take focus (tabIndex -1, not in the tab order) so a form can move the person to
 * its outcome: the error when no single field is at fault, or the result of an action.
 */
export function Alert({ tone = "info", children, className = "", ref }: { tone?: keyof typeof tones; children: ReactNode; className?: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <div
      ref={ref}
      role={tone === "error" ? "alert" : "status"}
      tabIndex={-1}
      className={`rounded-md outline-none px-4 py-3 text-sm ring-1 ring-inset ${tones[tone]} ${className}`}
    >
      {children}
    </div>
  );
}
