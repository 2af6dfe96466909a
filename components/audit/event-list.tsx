import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { auditLabel } from "@/lib/audit/labels";
import { describeDevice } from "@/lib/http/user-agent";
import { SeverityBadge } from "./severity-badge";

export type AuditListEvent = {
  id: string;
  type: string;
  outcome: string;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
  browserName: string | null;
  osName: string | null;
  actorId?: string | null;
  subjectId?: string | null;
  actorName?: string | null;
  actorEmail?: string | null;
  subjectName?: string | null;
  subjectEmail?: string | null;
};

/**
 * Audit events as a stacked list (no table: it reads the same on a phone): the event in words
 * with its severity and outcome, then time, IP and device; with `people`, who did it and to
 * whom. `href` makes each event open in full.
 */
export async function AuditEventList({
  events,
  label,
  people = false,
  href,
}: {
  events: AuditListEvent[];
  label: string;
  /** "others": only when someone else acted (a page about one person). */
  people?: boolean | "others";
  href?: (id: string) => string;
}) {
  const [t, audit, security] = await Promise.all([getTranslations("audit.log"), getTranslations("audit"), getTranslations("security")]);
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  const who = (name: string | null | undefined, email: string | null | undefined) => (name && email ? `${name} (${email})` : (email ?? name ?? t("unknownPerson")));
  return (
    <ul className="divide-y divide-slate-100" aria-label={label} data-testid="audit-event-list">
      {events.map((event) => {
        const words = auditLabel(audit, event.type, event.outcome);
        return (
          <li key={event.id} className="py-3" data-testid="audit-event">
            <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm break-words text-slate-900">
              {href ? (
                <Link href={href(event.id)} className="font-medium text-brand-700 hover:underline">
                  {words}
                </Link>
              ) : (
                <span className="font-medium">{words}</span>
              )}
              <SeverityBadge type={event.type} />
              {event.outcome === "failure" && <Badge tone="red">{t("failed")}</Badge>}
            </div>
            <p className="mt-1 text-xs break-words text-slate-500">
              <LocalTime value={event.createdAt.toISOString()} /> · {event.ip ?? t("unknownAddress")} · {describeDevice(security, event)}
            </p>
            {people && (event.actorId || event.subjectId) && (people !== "others" || (event.actorId && event.actorId !== event.subjectId)) && (
              <p className="mt-1 text-xs break-words text-slate-600">
                {event.actorId && t("by", { person: who(event.actorName, event.actorEmail) })}
                {event.actorId && event.subjectId && event.subjectId !== event.actorId && " · "}
                {event.subjectId && event.subjectId !== event.actorId && t("about", { person: who(event.subjectName, event.subjectEmail) })}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** "Newer" and "Older" links of a keyset-paged log; `path` keeps the page's other parameters. */
export async function AuditPager({ path, older, newer }: { path: string; older: string | null; newer: string | null }) {
  if (!older && !newer) return null;
  const t = await getTranslations("audit.log");
  const link = (key: "older" | "newer", cursor: string) => `${path}${path.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(cursor)}`;
  return (
    <nav aria-label={t("pages")} className="mt-4 flex items-center justify-between gap-3">
      {newer ? (
        <Link href={link("newer", newer)} className={buttonClass("secondary")} rel="prev">
          ← {t("newer")}
        </Link>
      ) : (
        <span />
      )}
      {older && (
        <Link href={link("older", older)} className={buttonClass("secondary")} rel="next">
          {t("older")} →
        </Link>
      )}
    </nav>
  );
}
