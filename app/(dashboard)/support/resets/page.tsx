import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PersonActions, PERSON_ACTION_MESSAGES } from "@/components/support/person-actions";
import { PendingDecision, WithdrawRequest } from "@/components/support/resets/pending-decision";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { ClientMessages } from "@/components/ui/client-messages";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db";
import { listResets, type ResetRow } from "@/lib/support/reset-list";
import { supportPage } from "@/lib/support/support-access";
import { isPlainText } from "@/lib/validation/plain-text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("supportResets");
  return { title: t("title") };
}

type Query = { email?: string | string[]; user?: string | string[]; case?: string | string[] };
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim() : undefined);

/** The person a reset is started for: `?user=<id>`, or `?email=` from the form below. */
async function findPerson(query: Query) {
  const userId = one(query.user);
  const email = one(query.email)?.toLowerCase();
  if (userId && z.uuid().safeParse(userId).success) return db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
  // A NUL would reach PostgreSQL, which refuses it with an error (a 500): no address has one.
  if (email && email.length <= 254 && isPlainText(email)) return db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  return null;
}

const TONES = { pending_approval: "amber", issued: "green", used: "slate", expired: "slate", revoked: "red", refused: "red", withdrawn: "slate" } as const;

/**
 * Resets (/support/resets): start a reset for a person found by email, decide pending requests
 * (dual control), and the recent temporary access codes with their state, requester and approver.
 */
export default async function ResetsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const { user, isAdmin } = await supportPage();
  const query = await searchParams;
  const caseParam = one(query.case);
  const caseId = caseParam && z.uuid().safeParse(caseParam).success ? caseParam : undefined;
  const [t, person, rows] = await Promise.all([getTranslations("supportResets"), findPerson(query), listResets()]);
  const searched = !!(one(query.email) || one(query.user));
  const pending = rows.filter((row) => row.shownState === "pending_approval");
  const name = (who: ResetRow["requestedBy"] | null) => (who ? who.name || who.email : t("recent.nobody"));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card title={t("find.heading")}>
          <form className="flex flex-wrap items-end gap-3" role="search" aria-label={t("find.heading")}>
            <label className="min-w-0 flex-1 text-sm sm:flex-none">
              <span className="block font-medium text-slate-800">{t("find.email")}</span>
              <input
                name="email"
                type="email"
                autoComplete="off"
                defaultValue={one(query.email) ?? person?.email ?? ""}
                className="mt-1 w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 sm:w-72"
              />
            </label>
            {caseId && <input type="hidden" name="case" value={caseId} />}
            <button type="submit" className={buttonClass("secondary")}>
              {t("find.submit")}
            </button>
          </form>
          {searched && !person && (
            <Alert tone="error" className="mt-4">
              {t("find.notFound")}
            </Alert>
          )}
          {person && (
            <div className="mt-6 space-y-4">
              <p className="text-sm font-medium break-all text-slate-900">{t("find.person", { name: person.name ?? "", email: person.email })}</p>
              <PersonActions userId={person.id} caseId={caseId} />
            </div>
          )}
        </Card>

        <Card title={t("pending.heading")}>
          {pending.length === 0 ? (
            <p className="text-sm text-slate-600">{t("pending.none")}</p>
          ) : (
            <ClientMessages namespaces={PERSON_ACTION_MESSAGES}>
              <p className="text-sm text-slate-600">{t("pending.expiresAfter")}</p>
              <ul className="divide-y divide-slate-100">
                {pending.map((row) => (
                  <li key={row.id} className="space-y-2 py-3 text-sm">
                    <p className="font-medium break-all text-slate-900">{t("find.person", { name: row.user.name ?? "", email: row.user.email })}</p>
                    <p className="text-slate-700">{t("pending.requestedBy", { name: name(row.requestedBy) })}</p>
                    <p className="break-words text-slate-600">{t("pending.reason", { reason: row.reason })}</p>
                    {!isAdmin ? (
                      <p className="text-slate-600">{t("pending.adminsOnly")}</p>
                    ) : row.requestedBy.id === user.id ? (
                      <>
                        <p className="text-slate-600">{t("pending.ownRequest")}</p>
                        <WithdrawRequest resetId={row.id} />
                      </>
                    ) : row.user.id === user.id ? (
                      <p className="text-slate-600">{t("pending.ownAccount")}</p>
                    ) : (
                      <PendingDecision resetId={row.id} />
                    )}
                  </li>
                ))}
              </ul>
            </ClientMessages>
          )}
        </Card>

        <Card title={t("recent.heading")}>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">{t("recent.none")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="reset-list">
              {rows.map((row) => (
                <li key={row.id} className="grid gap-1 py-3 text-sm sm:grid-cols-[1fr_auto] sm:gap-4">
                  <div className="min-w-0 space-y-1">
                    <p className="font-medium break-all text-slate-900">{row.user.email}</p>
                    <p className="text-slate-600">
                      {t("recent.requester")}: {name(row.requestedBy)} · {t("recent.approver")}: {name(row.approvedBy)}
                    </p>
                    <p className="break-words text-slate-600">
                      {t("recent.reason")}: {row.reason}
                    </p>
                    <p className="text-slate-500">
                      {t("recent.created")}: <LocalTime value={row.createdAt.toISOString()} />
                      {row.expiresAt && (
                        <>
                          {" · "}
                          {t("recent.expires")}: <LocalTime value={row.expiresAt.toISOString()} />
                        </>
                      )}
                    </p>
                  </div>
                  <div>
                    <Badge tone={TONES[row.shownState]}>{t(`states.${row.shownState}`)}</Badge>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
