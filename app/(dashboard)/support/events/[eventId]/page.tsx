import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { severityOf } from "@/components/support/console/audit-results";
import { SeverityBadge } from "@/components/support/console/severity-badge";
import { auditLabel } from "@/lib/audit/labels";
import { readAuditEvent } from "@/lib/support/audit-search";
import { supportPage } from "@/lib/support/support-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support.event");
  return { title: t("title") };
}

const link = "text-brand-700 underline decoration-slate-300 underline-offset-2 hover:decoration-brand-600";

/** A metadata value as text: strings as they are, anything else as compact JSON. */
const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** One audit event in full (issue 11 §4), for support staff; read-only. */
export default async function AuditEventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { user } = await supportPage();
  const { eventId } = await params;
  if (!/^[0-9a-zA-Z-]{1,64}$/.test(eventId)) notFound();
  const event = await readAuditEvent(user.id, eventId);
  if (!event) notFound();
  const [t, support, audit] = await Promise.all([getTranslations("support.event"), getTranslations("support"), getTranslations("audit")]);
  const none = <span className="text-slate-400">{support("none")}</span>;
  const severity = severityOf(event.type);
  const metadata = event.metadata && typeof event.metadata === "object" && !Array.isArray(event.metadata) ? Object.entries(event.metadata) : [];
  const person = (id: string | null, email: string | null) =>
    id ? (
      <span className="flex flex-wrap gap-x-3 gap-y-1">
        <Link href={`/support/people/${id}`} className={`${link} break-all`}>
          {email ?? t("deletedPerson", { id })}
        </Link>
        {email && (
          <Link href={`/support?${new URLSearchParams({ email })}`} className={link}>
            {t("searchPerson")}
          </Link>
        )}
      </span>
    ) : (
      none
    );
  const rows: [string, React.ReactNode][] = [
    [t("fields.time"), <LocalTime key="time" value={event.createdAt.toISOString()} />],
    [
      t("fields.event"),
      <span key="event" className="flex flex-wrap items-center gap-2">
        {auditLabel(audit, event.type, event.outcome)} <SeverityBadge severity={severity} label={support(`severity.${severity}`)} />
      </span>,
    ],
    [t("fields.type"), <code key="type" className="font-mono text-xs break-all">{event.type}</code>],
    [t("fields.outcome"), event.outcome === "failure" ? <Badge tone="red">{support("outcome.failure")}</Badge> : support("outcome.success")],
    [t("fields.person"), person(event.subjectId, event.subjectEmail)],
    [t("fields.actor"), person(event.actorId, event.actorEmail)],
    [
      t("fields.project"),
      event.projectId ? (
        <span className="flex flex-wrap gap-x-3 gap-y-1">
          <span className="break-words">{event.projectName ?? event.projectId}</span>
          <Link href={`/support?${new URLSearchParams({ projectId: event.projectId })}`} className={link}>
            {t("searchProject")}
          </Link>
        </span>
      ) : (
        none
      ),
    ],
    [
      t("fields.ip"),
      event.ip ? (
        <span className="flex flex-wrap gap-x-3 gap-y-1">
          <span className="break-all">{event.ip}</span>
          <Link href={`/support?${new URLSearchParams({ ip: event.ip })}`} className={link}>
            {t("searchIp")}
          </Link>
        </span>
      ) : (
        none
      ),
    ],
    [t("fields.device"), event.browserName || event.osName ? t("device", { browser: event.browserName ?? t("unknownDevice"), os: event.osName ?? t("unknownDevice") }) : none],
    [t("fields.userAgent"), event.userAgent ? <span className="font-mono text-xs break-all">{event.userAgent}</span> : none],
    [t("fields.id"), <code key="id" className="font-mono text-xs break-all">{event.id}</code>],
  ];
  const list = (entries: [string, React.ReactNode][]) => (
    <dl className="divide-y divide-slate-100 text-sm">
      {entries.map(([term, value]) => (
        <div key={term} className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
          <dt className="font-medium text-slate-600">{term}</dt>
          <dd className="min-w-0 text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );

  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/support" className={link}>
          ← {t("back")}
        </Link>
      </p>
      <PageHeader title={auditLabel(audit, event.type, event.outcome)} description={t("title")} />
      <div className="space-y-6">
        <Card title={t("summary")}>{list(rows)}</Card>
        <Card title={t("details")}>
          {metadata.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noDetails")}</p>
          ) : (
            list(metadata.map(([key, value]) => [key, <span key={key} className="font-mono text-xs break-all">{shown(value)}</span>]))
          )}
        </Card>
        <Card title={t("chain")}>
          {list([
            [t("fields.chainSeq"), event.chainSeq === null ? <span className="text-slate-600">{t("notSealed")}</span> : event.chainSeq.toString()],
            [t("fields.chainHash"), event.chainHash === null ? <span className="text-slate-600">{t("notSealed")}</span> : <code className="font-mono text-xs break-all">{event.chainHash}</code>],
          ])}
        </Card>
      </div>
    </>
  );
}
