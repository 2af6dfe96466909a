import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseStateBadge } from "@/components/support/cases/case-badges";
import { CasesFilter } from "@/components/support/cases/cases-filter";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { listSupportCases } from "@/lib/support/cases-list";
import { caseListFilterSchema, type CaseListFilter } from "@/lib/support/cases-schema";
import { supportPage } from "@/lib/support/support-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("supportCases");
  return { title: t("title") };
}

const linkClass = "font-medium text-brand-700 hover:underline";

function listHref(filter: CaseListFilter, cursor?: string) {
  const params = new URLSearchParams({ state: filter.state, kind: filter.kind, ...(cursor ? { cursor } : {}) });
  return `/support/cases?${params}`;
}

/** Recovery requests and "This wasn't me" reports, newest first, filtered by state and kind, a page at a time. */
export default async function SupportCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await supportPage();
  const raw = await searchParams;
  const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
  const filter = caseListFilterSchema.parse({ state: one(raw.state), kind: one(raw.kind), cursor: one(raw.cursor) });
  const [{ cases, nextCursor }, t] = await Promise.all([listSupportCases(user.id, filter), getTranslations("supportCases")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("list.label")}>
        <CasesFilter filter={filter} />
        {cases.length === 0 ? (
          <p className="text-sm text-slate-600">{t("list.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("list.label")} data-testid="support-cases">
            {cases.map((supportCase) => (
              <li key={supportCase.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <Link href={`/support/cases/${supportCase.id}`} className={linkClass}>
                      {t(`kind.${supportCase.kind}`)}
                    </Link>
                    <CaseStateBadge kind={supportCase.kind} state={supportCase.state} />
                  </p>
                  <p className="mt-1 text-sm break-all text-slate-800">
                    {supportCase.userId && supportCase.user ? (
                      <Link href={`/support/people/${supportCase.userId}`} className="hover:underline">
                        {supportCase.user.email}
                      </Link>
                    ) : (
                      <span className="text-slate-500">{t("list.noAccount")}</span>
                    )}
                  </p>
                  <p className="text-xs break-all text-slate-500">{t("list.contact", { email: supportCase.contactEmail })}</p>
                </div>
                <p className="shrink-0 text-sm text-slate-600 sm:text-right">
                  {t.rich("list.filed", { time: () => <LocalTime value={supportCase.createdAt.toISOString()} /> })}
                </p>
              </li>
            ))}
          </ul>
        )}
        {(filter.cursor || nextCursor) && (
          <nav className="mt-4 flex flex-wrap justify-between gap-3 border-t border-slate-100 pt-4 text-sm" aria-label={t("list.pages")}>
            {filter.cursor ? (
              <Link href={listHref(filter)} className={linkClass}>
                {t("list.first")}
              </Link>
            ) : (
              <span />
            )}
            {nextCursor && (
              <Link href={listHref(filter, nextCursor)} className={linkClass}>
                {t("list.older")}
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
