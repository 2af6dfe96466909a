import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge, Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { LocalTime } from "@/components/ui/local-time";
import { auditLabel } from "@/lib/audit/labels";
import { auditFilterSchema, listAuditEvents } from "@/lib/support/list-audit-events";
import { supportAccess } from "@/lib/support/support-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title") };
}

export default async function SupportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await requireSession();
  const access = await supportAccess(user.id);
  if (access === "not_staff") notFound();
  // Enrol first: the security page says why (SupportTwoFactorNotice) and offers the authenticator.
  if (access === "needs_second_factor") redirect("/security?required=support");
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse({
    email: typeof raw.email === "string" ? raw.email : undefined,
    type: typeof raw.type === "string" ? raw.type : undefined,
  });
  const filter: { email?: string; type?: string } = parsed.success ? parsed.data : {};
  const [events, t, audit, root] = await Promise.all([
    listAuditEvents(user.id, filter),
    getTranslations("support"),
    getTranslations("audit"),
    getTranslations(),
  ]);
  const issue = parsed.success ? undefined : parsed.error.issues[0]?.message;
  const none = t("none");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("auditLog")}>
        <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("search")}>
          <label className="text-sm">
            <span className="block font-medium text-slate-800">{t("email")}</span>
            <input name="email" type="search" defaultValue={filter.email ?? ""} className="mt-1 w-64 max-w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300" />
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-800">{t("type")}</span>
            <input name="type" type="search" defaultValue={filter.type ?? ""} placeholder={t("typePlaceholder")} className="mt-1 w-48 rounded-md px-3 py-2 text-sm ring-1 ring-slate-300" />
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            {t("filter")}
          </button>
        </form>
        {!parsed.success && (
          <Alert tone="error" className="mb-4">
            {issue?.startsWith("validation.") ? root(issue as "validation.eventType") : root("validation.invalid")}
          </Alert>
        )}
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">{t("columns.time")}</th>
                  <th className="py-2 pr-4 font-medium">{t("columns.event")}</th>
                  <th className="py-2 pr-4 font-medium">{t("columns.person")}</th>
                  <th className="py-2 pr-4 font-medium">{t("columns.actor")}</th>
                  <th className="py-2 font-medium">{t("columns.address")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {events.map((event) => (
                  <tr key={event.id}>
                    <td className="py-2 pr-4 whitespace-nowrap text-slate-600"><LocalTime value={event.createdAt.toISOString()} /></td>
                    <td className="py-2 pr-4">
                      <span className="break-words">{auditLabel(audit, event.type, event.outcome)}</span>{" "}
                      {event.outcome === "failure" && <Badge tone="red">{t("failed")}</Badge>}
                      <span className="block font-mono text-xs text-slate-500">{event.type}</span>
                    </td>
                    <td className="py-2 pr-4 break-all">{event.subjectEmail ?? none}</td>
                    <td className="py-2 pr-4 break-all">{event.actorEmail ?? none}</td>
                    <td className="py-2 text-slate-600">{event.ip ?? none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
