import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/card";
import { auditSeverity } from "@/lib/audit/labels";
import type { AuditSeverity } from "@/lib/audit/catalogue";

const TONE = { info: "slate", notice: "slate", warning: "amber", critical: "red" } as const;

/**
 * An event's severity from the catalogue, in the viewer's language. Info is the quiet default and
 * shows nothing unless `showInfo`; a type the catalogue no longer defines shows nothing.
 */
export async function SeverityBadge({ type, showInfo = false }: { type: string; showInfo?: boolean }) {
  const severity = auditSeverity(type);
  if (!severity || (severity === "info" && !showInfo)) return null;
  const t = await getTranslations("audit.severity");
  return <SeverityBadgeView severity={severity} label={t(severity)} />;
}

/** The badge itself, for a client component that already has the words. */
export function SeverityBadgeView({ severity, label }: { severity: AuditSeverity; label: string }) {
  return (
    <Badge tone={TONE[severity]}>
      <span data-severity={severity}>{label}</span>
    </Badge>
  );
}
