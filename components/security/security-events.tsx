import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SeverityBadge } from "@/components/audit/severity-badge";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { auditLabel } from "@/lib/audit/labels";
import { describeDevice } from "@/lib/http/user-agent";

type Event = { id: string; type: string; outcome: string; ip: string | null; userAgent: string | null; browserName: string | null; osName: string | null; createdAt: Date };

export async function SecurityEvents({ events }: { events: Event[] }) {
  const [t, audit] = await Promise.all([getTranslations("security"), getTranslations("audit")]);
  const all = (
    <p className="mt-3 text-sm">
      <Link href="/security/log" className="font-medium text-brand-700 hover:underline">
        {t("log.viewAll")} →
      </Link>
    </p>
  );
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("events.empty")}</p>;
  return (
    <>
      <ul className="divide-y divide-slate-100" aria-label={t("events.listLabel")}>
        {events.map((event) => (
          <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5">
            <span className="flex min-w-0 flex-wrap items-center gap-2 text-sm break-words text-slate-900">
              <span>{auditLabel(audit, event.type, event.outcome)}</span>
              <SeverityBadge type={event.type} />
              {event.outcome === "failure" && <Badge tone="red">{t("events.failed")}</Badge>}
            </span>
            <span className="text-xs text-slate-500">
              <LocalTime value={event.createdAt.toISOString()} /> · {event.ip ?? t("events.unknownAddress")} · {describeDevice(t, event)}
            </span>
          </li>
        ))}
      </ul>
      {all}
    </>
  );
}
