import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
import { AcceptInvitationForm } from "@/components/projects/members/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { getSession } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findInvitation, invitationPath, type InvitationDetails } from "@/lib/projects/invitations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectMembers.invitation"))("title") };
}

type Params = { params: Promise<{ token: string }> };

/**
 * An invitation link, signed in or out: who invites to which project, what the project asks of
 * its members' 2FA, then the way on — sign in or create an account (both come back here), or
 * accept. Accepting needs the invited address, verified; the server checks it again.
 */
export default async function InvitationPage({ params }: Params) {
  const { token } = await params;
  const t = await getTranslations("projectMembers.invitation");
  let invitation: InvitationDetails;
  try {
    invitation = await findInvitation(token);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <>
        <AuthHeading heading={t("unusableHeading")} />
        <Alert tone="error" className="mt-4">
          {error.code === "token_expired" ? t("expired") : t("invalid")}
        </Alert>
      </>
    );
  }
  const roles = await getTranslations("projects.roles");
  const values = { project: invitation.projectName, inviter: invitation.inviterName ?? "", role: roles(invitation.role) };
  return (
    <>
      <AuthHeading heading={t("heading", values)} intro={invitation.inviterName ? t("intro", values) : t("introNoInviter", values)} />
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          {t("requirement", { level: invitation.requiredLevel })}
          {invitation.requiredLevel !== "disabled" && invitation.secureMethodsOnly && ` ${t("secureOnly")}`}
        </p>
        <p className="text-slate-600">{t.rich("expiresAt", { time: () => <LocalTime value={invitation.expiresAt.toISOString()} /> })}</p>
        <NextStep token={token} invitation={invitation} />
      </div>
    </>
  );
}

async function NextStep({ token, invitation }: { token: string; invitation: InvitationDetails }) {
  const [t, session] = await Promise.all([getTranslations("projectMembers.invitation"), getSession()]);
  const here = invitationPath(token);
  if (!session) {
    return (
      <>
        <p>{t("signedOut", { email: invitation.email })}</p>
        <div className="flex flex-col gap-2">
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass("primary", "w-full")}>
            {t("signIn")}
          </Link>
          <Link href={`/sign-up?next=${encodeURIComponent(here)}`} className={buttonClass("secondary", "w-full")}>
            {t("createAccount")}
          </Link>
        </div>
      </>
    );
  }
  if (session.user.email.toLowerCase() !== invitation.email) {
    return (
      <>
        <Alert tone="warning">{t("otherAccount", { current: session.user.email, email: invitation.email })}</Alert>
        <form action={signOutAction}>
          <button type="submit" className={buttonClass("secondary", "w-full")}>
            {t("signOut")}
          </button>
        </form>
      </>
    );
  }
  if (!session.user.emailVerifiedAt) {
    return (
      <Alert tone="warning">
        {t.rich("unverified", {
          email: invitation.email,
          link: (chunks) => (
            <Link href="/account" className="font-medium underline">
              {chunks}
            </Link>
          ),
        })}
      </Alert>
    );
  }
  const member = await db.projectMember.findUnique({ where: { projectId_userId: { projectId: invitation.projectId, userId: session.userId } }, select: { role: true } });
  if (member) {
    return (
      <>
        <Alert tone="info">{t("alreadyMember", { project: invitation.projectName })}</Alert>
        <Link href={`/projects/${invitation.projectId}`} className={buttonClass("primary", "w-full")}>
          {t("open")}
        </Link>
      </>
    );
  }
  return (
    <ClientMessages namespaces={["projectMembers.invitation", ...FORM_MESSAGES]}>
      <AcceptInvitationForm token={token} />
    </ClientMessages>
  );
}
