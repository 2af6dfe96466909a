import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccessUserList } from "@/components/access/users/access-user-list";
import { AddUserForm } from "@/components/access/users/add-user-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { memberChoices } from "@/lib/access/member-choices";
import { accessPage } from "@/lib/access/page-access";
import { can } from "@/lib/access/permissions";
import { listAccessUsers } from "@/lib/access/users";
import { AppError } from "@/lib/errors";

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ q?: string | string[]; after?: string | string[]; deleted?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access.users"))("title") };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * **Access control**: the project's access users (search, keyset pages of 50 by name), and
 * **Add user** for those who manage users. A cursor that does not parse starts again at the top.
 */
export default async function AccessUsersPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { actor } = await accessPage(projectId, "access.view");
  const query = await searchParams;
  const q = one(query.q)?.slice(0, 200) ?? "";
  const after = one(query.after);
  const page = await listAccessUsers(actor, { q, cursor: after }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "invalid_input") return listAccessUsers(actor, { q });
    throw error;
  });
  const [t, a] = await Promise.all([getTranslations("access.users"), getTranslations("access.add")]);
  const managesUsers = can(actor, "users.manage");
  const base = `/projects/${projectId}/access`;
  const withQuery = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...extra })}`;
  const empty = page.users.length === 0 && !q && !after;
  return (
    <ClientMessages namespaces={["access", ...FORM_MESSAGES]}>
      <div className="space-y-6">
        {query.deleted === "1" && <Alert tone="success">{t("deleted")}</Alert>}
        <Card title={t("title")} description={t("description")}>
          {empty ? (
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">{t("empty.title")}</h3>
              <p className="max-w-prose text-sm text-slate-600">{t("empty.body")}</p>
              {!managesUsers && <p className="max-w-prose text-sm text-slate-600">{t("empty.readOnly")}</p>}
            </div>
          ) : (
            <div className="space-y-4">
              <form role="search" action={base} className="flex flex-col gap-2 sm:flex-row sm:items-end">
                <div className="w-full sm:max-w-sm">
                  <label htmlFor="access-user-search" className="block text-sm font-medium text-slate-800">
                    {t("searchLabel")}
                  </label>
                  <input
                    id="access-user-search"
                    type="search"
                    name="q"
                    defaultValue={q}
                    placeholder={t("searchPlaceholder")}
                    className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 sm:text-sm"
                  />
                </div>
                <div className="flex gap-2">
                  <button type="submit" className={buttonClass("secondary")}>
                    {t("search")}
                  </button>
                  {q && (
                    <Link href={base} className={buttonClass("ghost")}>
                      {t("clear")}
                    </Link>
                  )}
                </div>
              </form>
              {page.users.length === 0 ? <p className="text-sm text-slate-600">{t("noMatch", { q })}</p> : <AccessUserList projectId={projectId} users={page.users} />}
              {(after || page.nextCursor) && (
                <nav aria-label={t("label")} className="flex flex-wrap justify-between gap-2 border-t border-slate-100 pt-4">
                  {after ? (
                    <Link href={withQuery({})} className={buttonClass("ghost")}>
                      {t("firstPage")}
                    </Link>
                  ) : (
                    <span />
                  )}
                  {page.nextCursor && (
                    <Link href={withQuery({ after: page.nextCursor })} className={buttonClass("secondary")} rel="next">
                      {t("nextPage")}
                    </Link>
                  )}
                </nav>
              )}
            </div>
          )}
        </Card>
        {managesUsers && (
          <Card title={a("title")} description={a("description")}>
            <AddUserForm projectId={projectId} members={await memberChoices(projectId)} />
          </Card>
        )}
      </div>
    </ClientMessages>
  );
}
