import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/card";
import { AUDIT_EVENTS, type AuditSeverity } from "@/lib/audit/catalogue";
import { auditLabel } from "@/lib/audit/labels";
import type { AuditSearchRow } from "@/lib/support/audit-search";
import { SeverityBadge } from "./severity-badge";

export const severityOf = (type: string): AuditSeverity => (AUDIT_EVENTS as Record<string, { severity: AuditSeverity }>)[type]?.severity ?? "info";

const link = "text-brand-700 underline decoration-slate-300 underline-offset-2 hover:decoration-brand-600";

/**
 * One row per event: a table on wide screens; on a phone each row becomes a card (the same
 * elements laid out as blocks, each value with its column's name), so nothing scrolls sideways.
 */
export async function AuditResults({ events }: { events: AuditSearchRow[] }) {
  const [t, audit] = await Promise.all([getTranslations("support"), getTranslations("audit")]);
  const none = <span className="text-slate-400">{t("none")}</span>;
  const cell = "flex gap-3 py-0.5 lg:table-cell lg:py-2 lg:pr-4 lg:align-top";
  const name = "w-24 shrink-0 text-slate-500 lg:hidden";
  const person = (id: string | null, email: string | null) =>
    id ? (
      <Link href={`/support/people/${id}`} className={`${link} break-all lg:[overflow-wrap:break-word] lg:[word-break:normal]`}>
        {email ?? t("event.deletedPerson", { id: id.slice(0, 8) })}
      </Link>
    ) : (
      none
    );
  return (
    <table className="block w-full text-left text-sm lg:table" data-testid="audit-results">
      <caption className="sr-only">{t("results")}</caption>
      <thead className="hidden text-xs text-slate-500 uppercase lg:table-header-group">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">{t("columns.time")}</th>
          <th scope="col" className="py-2 pr-4 font-medium">{t("columns.event")}</th>
          <th scope="col" className="py-2 pr-4 font-medium whitespace-nowrap">{t("columns.outcome")}</th>
          <th scope="col" className="py-2 pr-4 font-medium">{t("columns.person")}</th>
          <th scope="col" className="py-2 pr-4 font-medium">{t("columns.project")}</th>
          <th scope="col" className="py-2 font-medium">{t("columns.address")}</th>
        </tr>
      </thead>
      <tbody className="block space-y-3 lg:table-row-group lg:space-y-0 lg:divide-y lg:divide-slate-100">
        {events.map((event) => {
          const severity = severityOf(event.type);
          return (
            <tr key={event.id} className="block rounded-lg p-3 ring-1 ring-slate-200 lg:table-row lg:rounded-none lg:p-0 lg:ring-0">
              <td className={`${cell} whitespace-nowrap text-slate-600`}>
                <span className={name}>{t("columns.time")}</span>
                <LocalTime value={event.createdAt.toISOString()} />
              </td>
              <td className={cell}>
                <span className={name}>{t("columns.event")}</span>
                <span className="min-w-0">
                  <Link href={`/support/events/${event.id}`} className={`${link} font-medium break-words`}>
                    {auditLabel(audit, event.type, event.outcome)}
                  </Link>{" "}
                  {severity !== "info" && <SeverityBadge severity={severity} label={t(`severity.${severity}`)} />}
                </span>
              </td>
              <td className={`${cell} lg:whitespace-nowrap`}>
                <span className={name}>{t("columns.outcome")}</span>
                {event.outcome === "failure" ? <Badge tone="red">{t("outcome.failure")}</Badge> : <span className="text-slate-700">{t("outcome.success")}</span>}
              </td>
              <td className={cell}>
                <span className={name}>{t("columns.person")}</span>
                <span className="min-w-0">
                  {person(event.subjectId, event.subjectEmail)}
                  {/* Who did it, only when someone else did: one column fewer, so addresses fit on a line. */}
                  {event.actorId && event.actorId !== event.subjectId && (
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {t("columns.actor")}: {person(event.actorId, event.actorEmail)}
                    </span>
                  )}
                </span>
              </td>
              <td className={cell}>
                <span className={name}>{t("columns.project")}</span>
                <span className="min-w-0 break-words">{event.projectId ? (event.projectName ?? event.projectId) : none}</span>
              </td>
              <td className={`${cell} lg:pr-0`}>
                <span className={name}>{t("columns.address")}</span>
                <span className="min-w-0 break-all text-slate-600 lg:break-normal lg:whitespace-nowrap">{event.ip ?? none}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
