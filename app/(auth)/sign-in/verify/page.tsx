import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthAside, AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm, ResendLoginCode } from "@/components/auth/challenge-form";
import { SecurityKeyChallenge } from "@/components/auth/security-key-challenge";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { failedFromQuery } from "@/lib/actions/form-state";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { challengeMethodsOf } from "@/lib/mfa/webauthn/list-keys";
import { POLICY_VALUES } from "@/lib/policy/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.challenge");
  return { title: t("title") };
}

function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"•".repeat(Math.max(1, local.length - 2))}@${domain}`;
}

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ failed?: string | string[] }> }) {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  const initial = failedFromQuery((await searchParams).failed);
  const t = await getTranslations("auth.challenge");

  if (pending.pendingStep === "email_code") {
    return (
      <>
        <AuthHeading heading={t("emailHeading")} />
        <p className="mt-1 mb-6 text-sm break-words text-slate-600">
          {t.rich("emailIntro", {
            email: maskEmail(pending.user.email),
            minutes: POLICY_VALUES.codeMinutes,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <ChallengeForm method="email_code" initial={initial} />
        <div className="mt-4 text-center">
          <ResendLoginCode />
        </div>
        <CancelSignIn />
      </>
    );
  }
  // Until "Try another way" lists every method: a person with a security key gets its button,
  // on its own when they have no authenticator app.
  const methods = await challengeMethodsOf(pending.userId);
  const keys = methods.key ? await getTranslations("keys.challenge") : null;
  const securityKey = keys && (
    <ClientMessages namespaces={["keys.challenge", "keys.browser", ...FORM_MESSAGES]}>
      <SecurityKeyChallenge purpose="sign_in" variant={methods.app ? "secondary" : "primary"} />
    </ClientMessages>
  );
  return (
    <>
      {keys && !methods.app ? (
        <>
          <AuthHeading heading={keys("heading")} intro={keys("intro")} />
          {securityKey}
        </>
      ) : (
        <>
          <AuthHeading heading={t("totpHeading")} intro={t("totpIntro")} />
          <ChallengeForm method="totp" initial={initial} />
          {keys && (
            <>
              <p className="my-4 flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">{keys("or")}</p>
              {securityKey}
            </>
          )}
        </>
      )}
      <AuthAside href="/sign-in/verify/recovery">{t("useRecovery")}</AuthAside>
      <CancelSignIn />
    </>
  );
}
