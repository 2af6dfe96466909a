import { Badge } from "@/components/ui/card";
import type { AuditSeverity } from "@/lib/audit/catalogue";

const TONE = { info: "slate", notice: "slate", warning: "amber", critical: "red" } as const;

/** An event's severity from the catalogue, in words (support.severity). */
export function SeverityBadge({ severity, label }: { severity: AuditSeverity; label: string }) {
  return <Badge tone={TONE[severity]}>{label}</Badge>;
}
