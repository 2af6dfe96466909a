import type { Metadata } from "next";
import { EmailLoginCard } from "@/components/security/email-login-card";
import { RecoveryCodesCard } from "@/components/security/recovery-codes-card";
import { SecurityEvents } from "@/components/security/security-events";
import { SessionList } from "@/components/security/session-list";
import { TwoFactorCard } from "@/components/security/two-factor-card";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listOwnSecurityEvents } from "@/lib/audit/list-own-events";
import { isSupportStaff } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { messageFor } from "@/lib/errors";
import { listSessions } from "@/lib/auth/sessions";
import { timeAgo } from "@/lib/format";
import { describeUserAgent } from "@/lib/http/user-agent";
import { recoveryCodeCount } from "@/lib/policy";
import { getTwoFactorStatus } from "@/lib/mfa/status";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ recovered?: string; required?: string }> }) {
  const current = await requireSession();
  const [status, sessions, events, { recovered, required }] = await Promise.all([
    getTwoFactorStatus(current.userId),
    listSessions(current.userId),
    listOwnSecurityEvents(current.userId),
    searchParams,
  ]);
  return (
    <>
      <PageHeader title="Security" description="Two-factor authentication, recovery and where you are signed in." />
      <div className="space-y-6">
        {isSupportStaff(current.user.role) && status.state === "not_enabled" && (
          <Alert tone="warning">
            {required === "support" && <strong>The support console is locked. </strong>}
            {messageFor("support_two_factor_required")} It opens as soon as two-factor authentication is on.
          </Alert>
        )}
        {recovered !== undefined && (
          <Alert tone="warning">
            You signed in with a recovery code; it cannot be used again. {status.recoveryRemaining} recovery codes left.
          </Alert>
        )}
        <TwoFactorCard
          view={{
            state: status.state,
            addedOn: status.totp?.confirmedAt?.toISOString() ?? null,
            lastUsed: status.totp?.lastUsedAt ? timeAgo(status.totp.lastUsedAt) : null,
            lockedUntil: status.lockedUntil?.toISOString() ?? null,
          }}
        />
        {status.state !== "not_enabled" && (
          <RecoveryCodesCard remaining={status.recoveryRemaining} total={recoveryCodeCount()} low={status.recoveryLow} />
        )}
        <EmailLoginCard enabled={status.emailLoginVerification} emailVerified={status.emailVerified} replacedByTotp={status.state !== "not_enabled"} />
        <Card title="Sessions" description="Browsers signed in to your account. Revoke any you do not recognise.">
          <SessionList
            sessions={sessions.map((session) => ({
              id: session.id,
              browser: describeUserAgent(session.userAgent),
              ip: session.ip,
              lastSeen: timeAgo(session.lastSeenAt),
              lastSeenAt: session.lastSeenAt.toISOString(),
              created: timeAgo(session.createdAt),
              createdAt: session.createdAt.toISOString(),
              current: session.id === current.id,
            }))}
          />
        </Card>
        <Card title="Security log" description="Recent security events on your account.">
          <SecurityEvents events={events} />
        </Card>
      </div>
    </>
  );
}
