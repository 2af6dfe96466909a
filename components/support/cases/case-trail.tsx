import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { auditLabel } from "@/lib/audit/labels";
import type { SupportCaseDetail } from "@/lib/support/cases-detail";

/** The events that name the case, oldest first: opened, decided, and what the reset work adds. */
export async function CaseTrail({ trail }: { trail: SupportCaseDetail["trail"] }) {
  const [t, audit, support] = await Promise.all([getTranslations("supportCases.case.trail"), getTranslations("audit"), getTranslations("support")]);
  return (
    <Card title={t("title")}>
      {trail.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-3" data-testid="case-trail">
          {trail.map((event) => (
            <li key={event.id} className="border-l-2 border-slate-200 pl-3 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{auditLabel(audit, event.type, event.outcome)}</span>
                {event.outcome === "failure" && <Badge tone="red">{support("failed")}</Badge>}
              </p>
              <p className="text-xs break-all text-slate-500">
                <LocalTime value={event.createdAt.toISOString()} />
                {event.actorEmail && <> · {t("by", { email: event.actorEmail })}</>}
                {event.ip && <> · {event.ip}</>}
              </p>
              <p className="font-mono text-xs text-slate-500">{event.type}</p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
