import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CaseStateBadge, caseStateLabel } from "@/components/support/cases/case-badges";
import { CaseTrail } from "@/components/support/cases/case-trail";
import { CaseTwoFactor } from "@/components/support/cases/case-two-factor";
import { DecideCaseForm } from "@/components/support/cases/decide-case-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { describeDevice } from "@/lib/http/user-agent";
import { findSupportCase } from "@/lib/support/cases-detail";
import { supportPage } from "@/lib/support/support-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("supportCases.case");
  return { title: t("title") };
}

/**
 * One case: what the person wrote (as plain text), who filed it and from where, their 2FA now,
 * the case's audit trail, and its handling (support admins decide; support staff read).
 */
export default async function SupportCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { user, isAdmin } = await supportPage();
  const { caseId } = await params;
  const supportCase = await findSupportCase(user.id, caseId);
  if (!supportCase) notFound();
  const [t, security] = await Promise.all([getTranslations("supportCases"), getTranslations("security")]);
  const { kind, state } = supportCase;
  const ownCase = supportCase.userId === user.id;
  const row = "grid gap-1 py-2 sm:grid-cols-[10rem_1fr] sm:gap-4";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/support/cases" className="font-medium text-brand-700 hover:underline">
          ← {t("case.back")}
        </Link>
      </p>
      <PageHeader title={t(`kind.${kind}`)} description={<CaseStateBadge kind={kind} state={state} />} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <Card title={t("case.message")}>
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800" data-testid="case-message">
              {/* A report's text is ours, stored in English: shown in the viewer's language instead. */}
              {kind === "not_me_report" ? t("case.notMeMessage") : supportCase.message}
            </p>
          </Card>
          <Card title={t("case.details")}>
            <dl className="divide-y divide-slate-100 text-sm">
              <div className={row}>
                <dt className="font-medium text-slate-600">{t("case.person")}</dt>
                <dd className="min-w-0 break-all">
                  {supportCase.user ? (
                    <Link href={`/support/people/${supportCase.user.id}`} className="font-medium text-brand-700 hover:underline">
                      {supportCase.user.email}
                    </Link>
                  ) : (
                    t("case.noAccount")
                  )}
                </dd>
              </div>
              <div className={row}>
                <dt className="font-medium text-slate-600">{t("case.contact")}</dt>
                <dd className="min-w-0 break-all">{supportCase.contactEmail}</dd>
              </div>
              <div className={row}>
                <dt className="font-medium text-slate-600">{t("case.filed")}</dt>
                <dd>
                  <LocalTime value={supportCase.createdAt.toISOString()} />
                </dd>
              </div>
              <div className={row}>
                <dt className="font-medium text-slate-600">{t("case.ip")}</dt>
                <dd className="font-mono break-all">{supportCase.ip ?? t("case.unknown")}</dd>
              </div>
              <div className={row}>
                <dt className="font-medium text-slate-600">{t("case.device")}</dt>
                <dd className="min-w-0">
                  {supportCase.userAgent ? describeDevice(security, { userAgent: supportCase.userAgent }) : t("case.unknown")}
                  {supportCase.userAgent && <span className="mt-0.5 block font-mono text-xs break-all text-slate-500">{supportCase.userAgent}</span>}
                </dd>
              </div>
            </dl>
          </Card>
          <CaseTrail trail={supportCase.trail} />
        </div>
        <div className="min-w-0 space-y-6">
          {state === "open" ? (
            <Card title={t("case.handle.title")} description={isAdmin && !ownCase ? t(`case.handle.intro.${kind}`) : undefined}>
              {!isAdmin ? (
                <p className="text-sm text-slate-600">{t("case.handle.adminsOnly")}</p>
              ) : ownCase ? (
                <Alert tone="warning">{t("case.handle.ownCase")}</Alert>
              ) : (
                <ClientMessages namespaces={["supportCases.state", "supportCases.case.handle", ...FORM_MESSAGES]}>
                  <DecideCaseForm caseId={supportCase.id} kind={kind} />
                </ClientMessages>
              )}
            </Card>
          ) : (
            <Card title={t("case.decision.title")}>
              <p className="text-sm text-slate-700">
                {t.rich("case.decision.by", {
                  state: await caseStateLabel(kind, state),
                  email: supportCase.handledBy?.email ?? t("case.decision.unknownHandler"),
                  time: () => (supportCase.handledAt ? <LocalTime value={supportCase.handledAt.toISOString()} /> : null),
                })}
              </p>
              {supportCase.decisionNote && (
                <>
                  <h3 className="mt-4 text-sm font-medium text-slate-600">{t("case.decision.note")}</h3>
                  <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-800">{supportCase.decisionNote}</p>
                </>
              )}
              {kind === "recovery_request" && state === "approved" && supportCase.userId && isAdmin && (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <p className="mb-3 text-sm text-slate-600">{t("case.reset.hint")}</p>
                  <Link href={`/support/people/${supportCase.userId}?case=${supportCase.id}`} className={buttonClass("primary")}>
                    {t("case.reset.link")}
                  </Link>
                </div>
              )}
            </Card>
          )}
          {supportCase.twoFactor && <CaseTwoFactor status={supportCase.twoFactor} resetAt={supportCase.user?.twoFactorResetAt ?? null} />}
        </div>
      </div>
    </>
  );
}
