import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { joinSentences, sentenceSpace } from "@/lib/i18n/sentences";
import { EmailLoginCard } from "@/components/security/email-login-card";
import { PhoneCard } from "@/components/security/phone-card";
import { RecoveryCodesCard } from "@/components/security/recovery-codes-card";
import { SecurityEvents } from "@/components/security/security-events";
import { SessionList } from "@/components/security/session-list";
import { TwoFactorCard } from "@/components/security/two-factor-card";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { PageHeader } from "@/components/ui/page-header";
import { listOwnSecurityEvents } from "@/lib/audit/list-own-events";
import { isSupportStaff } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sessions";
import { timeAgo } from "@/lib/format";
import { describeDevice } from "@/lib/http/user-agent";
import { recoveryCodeCount } from "@/lib/policy";
import { getTwoFactorStatus } from "@/lib/mfa/status";
import { phoneCardView } from "@/lib/mfa/phone-factors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("security");
  return { title: t("title") };
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ recovered?: string; required?: string }> }) {
  const current = await requireSession();
  const [status, phones, sessions, events, { recovered, required }] = await Promise.all([
    getTwoFactorStatus(current.userId),
    phoneCardView(current.userId),
    listSessions(current.userId),
    listOwnSecurityEvents(current.userId),
    searchParams,
  ]);
  const [t, root, locale] = await Promise.all([getTranslations("security"), getTranslations(), getLocale()]);
  const ago = (date: Date) => timeAgo(date, locale) ?? t("sessions.justNow");
  return (
    <ClientMessages namespaces={["security", "phone.card", "phone.enrol", "phone.challenge", ...FORM_MESSAGES]}>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {isSupportStaff(current.user.role) && status.state === "not_enabled" && (
          <Alert tone="warning">
            {required === "support" && (
              <>
                <strong>{t("supportLocked")}</strong>
                {sentenceSpace(locale)}
              </>
            )}
            {joinSentences(locale, root("errors.support_two_factor_required"), t("supportOpens"))}
          </Alert>
        )}
        {recovered !== undefined && (
          <Alert tone="warning">
            {t("recovered", { count: status.recoveryRemaining })}
          </Alert>
        )}
        <TwoFactorCard
          view={{
            state: status.state,
            addedOn: status.totp?.confirmedAt?.toISOString() ?? null,
            lastUsed: status.totp?.lastUsedAt ? ago(status.totp.lastUsedAt) : null,
            lockedUntil: status.lockedUntil?.toISOString() ?? null,
          }}
        />
        <PhoneCard view={phones} />
        {status.state !== "not_enabled" && (
          <RecoveryCodesCard remaining={status.recoveryRemaining} total={recoveryCodeCount()} low={status.recoveryLow} />
        )}
        <EmailLoginCard enabled={status.emailLoginVerification} emailVerified={status.emailVerified} replacedByTotp={status.state !== "not_enabled"} />
        <Card title={t("sessions.title")} description={t("sessions.description")}>
          <SessionList
            sessions={sessions.map((session) => ({
              id: session.id,
              browser: describeDevice(t, session),
              ip: session.ip,
              lastSeen: ago(session.lastSeenAt),
              lastSeenAt: session.lastSeenAt.toISOString(),
              created: ago(session.createdAt),
              createdAt: session.createdAt.toISOString(),
              current: session.id === current.id,
            }))}
          />
        </Card>
        <Card title={t("events.title")} description={t("events.description")}>
          <SecurityEvents events={events} />
        </Card>
      </div>
    </ClientMessages>
  );
}
