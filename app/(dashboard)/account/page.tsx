import type { Metadata } from "next";
import { ChangeEmailForm, ChangePasswordForm } from "@/components/account/credential-forms";
import { ResendVerification } from "@/components/account/resend-verification";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { pendingEmailChange } from "@/lib/auth/email-change";
import { requireSession } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Account" };

const roleLabels = { user: "Member", support: "Support staff", support_admin: "Support admin" } as const;

export default async function AccountPage() {
  const { user } = await requireSession();
  const pending = await pendingEmailChange(user.id);
  return (
    <>
      <PageHeader title="Account" description="Your profile and the email address Tessera writes to." />
      <div className="space-y-6">
        <Card title="Profile">
          <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{user.name}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd className="flex flex-wrap items-center gap-2 font-medium break-all">
              {user.email}
              {user.emailVerifiedAt ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Not verified</Badge>}
            </dd>
            <dt className="text-slate-500">Role</dt>
            <dd>{roleLabels[user.role]}</dd>
            <dt className="text-slate-500">Member since</dt>
            <dd>
              <LocalTime value={user.createdAt.toISOString()} style="date" />
            </dd>
          </dl>
        </Card>
        {!user.emailVerifiedAt && (
          <Card
            title="Verify your email address"
            description="Until your address is verified, Tessera cannot send you security alerts or sign-in codes."
          >
            <ResendVerification />
          </Card>
        )}
        <Card
          title="Email address"
          description="Where Tessera sends security alerts and sign-in codes. A new address is used only after you open the link we send to it."
        >
          {pending && (
            <p className="mb-4 text-sm text-slate-700" data-testid="pending-email">
              Waiting for confirmation: <strong className="break-all">{pending.email}</strong>. Open the link we sent there
              before {formatDateTime(pending.expiresAt)}. Until then you keep using {user.email}.
            </p>
          )}
          <ChangeEmailForm />
        </Card>
        <Card title="Password" description="Changing your password signs out your other sessions.">
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
