import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { joinSentences, sentenceSpace } from "@/lib/i18n/sentences";
import { EmailLoginCard } from "@/components/security/email-login-card";
import { LevelCard } from "@/components/security/level-card";
import { TrustedComputers } from "@/components/security/trusted-computers";
import { RecoveryCodesCard } from "@/components/security/recovery-codes-card";
import { RecoveryReadinessCard } from "@/components/security/recovery-readiness";
import { SecurityEvents } from "@/components/security/security-events";
import { SessionList } from "@/components/security/session-list";
import { PhoneCard } from "@/components/security/phone-card";
import { SecurityKeysCard } from "@/components/security/security-keys-card";
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
import { minimumLevelFor, recoveryCodeCount } from "@/lib/policy";
import { getTwoFactorStatus } from "@/lib/mfa/status";
import { listSecurityKeys } from "@/lib/mfa/webauthn/list-keys";
import { phoneCardView } from "@/lib/mfa/phone-factors";
import { rateRecoveryReadiness } from "@/lib/mfa/readiness";
import { listTrustedComputers } from "@/lib/mfa/trusted-computers";
import { readTrustCookie } from "@/lib/http/trust-cookie";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("security");
  return { title: t("title") };
}

/** When a session ends: the earlier of its idle limit (moved forward by use) and its overall end. */
function sessionEnd(session: { expiresAt: Date; idleUntil: Date | null }) {
  const idle = !!session.idleUntil && session.idleUntil < session.expiresAt;
  return { endsAt: (idle ? session.idleUntil! : session.expiresAt).toISOString(), endsUnlessUsed: idle };
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ recovered?: string; required?: string }> }) {
  const current = await requireSession();
  const [status, sessions, events, trusted, keys, phones, { recovered, required }] = await Promise.all([
    getTwoFactorStatus(current.userId),
    listSessions(current.userId),
    listOwnSecurityEvents(current.userId),
    readTrustCookie().then((cookie) => listTrustedComputers(current.userId, cookie)),
    listSecurityKeys(current.userId),
    phoneCardView(current.userId),
    searchParams,
  ]);
  const level = current.user.twoFactorLevel;
  const [t, root, locale, resets] = await Promise.all([getTranslations("security"), getTranslations(), getLocale(), getTranslations("supportResets.banner")]);
  const ago = (date: Date) => timeAgo(date, locale) ?? t("sessions.justNow");
  return (
    <ClientMessages namespaces={["security", "trust", "keys.card", "keys.browser", "keys.challenge", "phone.card", "phone.enrol", "phone.challenge", ...FORM_MESSAGES]}>
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
        {current.user.twoFactorResetAt && (
          <Alert tone="warning">
            <strong className="block">{resets("title")}</strong>
            {resets("body")}
          </Alert>
        )}
        {recovered !== undefined && (
          <Alert tone="warning">
            {t("recovered", { count: status.recoveryRemaining })}
          </Alert>
        )}
        {/* Anchors (scroll-mt clears the sticky header): the readiness card's next steps link here. */}
        <div id="two-factor" className="scroll-mt-20">
          <TwoFactorCard
            view={{
              state: status.state,
              addedOn: status.totp?.confirmedAt?.toISOString() ?? null,
              lastUsed: status.totp?.lastUsedAt ? ago(status.totp.lastUsedAt) : null,
              lockedUntil: status.lockedUntil?.toISOString() ?? null,
              totpId: status.totp?.id ?? null,
              methods: status.factors
                .filter((factor) => !factor.fallback)
                .map((factor) => ({
                  id: factor.id,
                  label:
                    factor.type === "totp"
                      ? t("twoFactor.app")
                      : factor.type === "webauthn"
                        ? (factor.name ?? t("twoFactor.methods.webauthn"))
                        : t(`twoFactor.${factor.type}`, { hint: factor.phoneHint ?? "" }),
                })),
              preferredId: status.preferredFactorId,
              preselected: status.lastFactorType === "webauthn" ? "webauthn" : status.lastFactorType === "sms" || status.lastFactorType === "voice" ? "phone" : "totp",
            }}
          />
        </div>
        <LevelCard level={level} hasFactor={status.state !== "not_enabled"} minimum={minimumLevelFor(current.user.role)} />
        <SecurityKeysCard
          keys={keys.map((key) => ({
            id: key.id,
            name: key.name ?? "",
            addedAt: key.createdAt.toISOString(),
            lastUsed: key.lastUsedAt ? ago(key.lastUsedAt) : null,
            lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
            passkey: !!key.backupEligible,
            backedUp: !!key.backedUp,
          }))}
        />
        <PhoneCard view={phones} />
        {status.state !== "not_enabled" && (
          <div id="recovery-readiness" className="scroll-mt-20">
            <RecoveryReadinessCard
              readiness={rateRecoveryReadiness({ factors: status.factors, recoveryCodesLeft: status.recoveryRemaining, emailVerified: status.emailVerified })}
            />
          </div>
        )}
        {(trusted.length > 0 || level === "once_per_computer") && (
          <TrustedComputers
            ignored={level === "every_login"}
            computers={trusted.map((computer) => ({
              id: computer.id,
              label: describeDevice(t, computer),
              ip: computer.ip,
              createdAt: computer.createdAt.toISOString(),
              lastUsedAt: computer.lastUsedAt.toISOString(),
              expiresAt: computer.expiresAt.toISOString(),
              current: computer.current,
            }))}
          />
        )}
        {status.state !== "not_enabled" && (
          <div id="recovery-codes" className="scroll-mt-20">
            <RecoveryCodesCard remaining={status.recoveryRemaining} total={recoveryCodeCount()} low={status.recoveryLow} />
          </div>
        )}
        <EmailLoginCard enabled={status.emailLoginVerification} emailVerified={status.emailVerified} replacedByTwoFactor={status.state !== "not_enabled"} />
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
              ...sessionEnd(session),
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
