import type { Metadata } from "next";
import { ChangeEmailForm, ChangePasswordForm } from "@/components/account/credential-forms";
import { ResendVerification } from "@/components/account/resend-verification";
import { Alert } from "@/components/ui/alert";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

const roleLabels = { user: "Member", support: "Support staff", support_admin: "Support admin" } as const;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const { user } = await requireSession();
  const { welcome } = await searchParams;
  return (
    <>
      <PageHeader title="Account" description="Your profile and the email address Tessera writes to." />
      {welcome && !user.emailVerifiedAt && (
        <Alert tone="info" className="mb-6">
          Welcome to Tessera. We sent a verification link to <strong>{user.email}</strong>.
        </Alert>
      )}
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
        <Card title="Email address" description="Where Tessera sends security alerts and sign-in codes. The new address must be verified.">
          <ChangeEmailForm />
        </Card>
        <Card title="Password" description="Changing your password signs out your other sessions.">
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
