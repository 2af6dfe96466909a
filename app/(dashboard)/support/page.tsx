import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ClientMessages } from "@/components/ui/client-messages";
import { PageHeader } from "@/components/ui/page-header";
import { AuditResults } from "@/components/support/console/audit-results";
import { EventsChart } from "@/components/support/console/events-chart";
import { SearchForm, type SearchProblems, type SearchValues } from "@/components/support/console/search-form";
import { db } from "@/lib/db";
import { auditFilterFromParams, type AuditFilter } from "@/lib/support/audit-filter";
import { readAuditChart } from "@/lib/support/audit-chart";
import { decodeCursor, searchAuditEvents } from "@/lib/support/audit-search";
import { supportPage } from "@/lib/support/support-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title") };
}

const FIELDS = ["email", "projectId", "type", "outcome", "ip", "from", "to"] as const;
/** Up to this many projects the search offers their names; beyond, a field for the ID. */
const PROJECT_LIST_LIMIT = 200;

/** The filter as a query string (only the fields that are set), for links that keep it. */
function filterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (filter[field]) params.set(field, filter[field]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export default async function SupportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await supportPage();
  const raw = await searchParams;
  const parsed = auditFilterFromParams(raw);
  const [t, root] = await Promise.all([getTranslations("support"), getTranslations()]);
  const values: SearchValues = Object.fromEntries(FIELDS.map((field) => [field, typeof raw[field] === "string" ? raw[field] : undefined]));
  const problems: SearchProblems = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof SearchValues;
      if (problems[field]) continue;
      problems[field] = issue.message.startsWith("validation.")
        ? root(issue.message as "validation.invalid")
        : issue.message === "dateOrder"
          ? t("filterProblems.dateOrder")
          : root("validation.invalid");
    }
  }
  // One more than the limit says whether there are too many for a list.
  const projectsQuery = db.project.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: PROJECT_LIST_LIMIT + 1 });
  const filter = parsed.success ? parsed.data : null;
  const cursor = decodeCursor(raw.cursor);
  const direction = raw.dir === "newer" ? "newer" : "older";
  const [projects, page] = await Promise.all([projectsQuery, filter ? searchAuditEvents(user.id, filter, { cursor, direction }) : null]);

  const withQuery = (path: string, extra: Record<string, string> = {}) => {
    const search = filter ? filterQuery(filter, extra) : "";
    return search ? `${path}?${search}` : path;
  };

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card title={t("auditLog")}>
          <SearchForm values={values} problems={problems} projects={projects.length > PROJECT_LIST_LIMIT ? null : projects} />
          {!parsed.success && (
            <Alert tone="error" className="mt-4">
              {t("filterProblems.summary")}
            </Alert>
          )}
        </Card>

        {page && filter && (
          <Card
            title={t("results")}
            description={t("export.hint")}
            actions={
              <div className="flex flex-wrap gap-2" role="group" aria-label={t("export.label")}>
                <a href={withQuery("/api/support/audit/export", { format: "csv" })} download className={buttonClass("secondary")}>
                  {t("export.csv")}
                </a>
                <a href={withQuery("/api/support/audit/export", { format: "json" })} download className={buttonClass("secondary")}>
                  {t("export.json")}
                </a>
                <a href={withQuery("/api/support/audit/bundle")} download className={buttonClass("secondary")}>
                  {t("export.bundle")}
                </a>
              </div>
            }
          >
            {page.events.length === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : <AuditResults events={page.events} />}
            {(page.newer || page.older) && (
              <nav aria-label={t("pagination.label")} className="mt-4 flex flex-wrap items-center justify-between gap-2">
                <span className="flex gap-2">
                  {page.newer && (
                    <>
                      <Link href={withQuery("/support")} className={buttonClass("ghost")}>
                        {t("pagination.newest")}
                      </Link>
                      <Link href={withQuery("/support", { cursor: page.newer, dir: "newer" })} className={buttonClass("secondary")}>
                        ← {t("pagination.newer")}
                      </Link>
                    </>
                  )}
                </span>
                {page.older && (
                  <Link href={withQuery("/support", { cursor: page.older, dir: "older" })} className={buttonClass("secondary")}>
                    {t("pagination.older")} →
                  </Link>
                )}
              </nav>
            )}
          </Card>
        )}

        {filter && (
          <Card title={t("chart.title")}>
            {/* Streamed after the results: counting a month of a busy log takes longer than a page. */}
            <Suspense fallback={<div className="h-72 animate-pulse rounded-md bg-slate-50" />}>
              <Chart viewerId={user.id} filter={filter} />
            </Suspense>
          </Card>
        )}
      </div>
    </>
  );
}

async function Chart({ viewerId, filter }: { viewerId: string; filter: AuditFilter }) {
  const chart = await readAuditChart(viewerId, filter);
  return (
    <ClientMessages namespaces={["support.chart"]}>
      <EventsChart chart={chart} />
    </ClientMessages>
  );
}
