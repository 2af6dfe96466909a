import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthAside, AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm, ResendLoginCode } from "@/components/auth/challenge-form";
import { PhoneChallenge } from "@/components/auth/phone-challenge";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { failedFromQuery } from "@/lib/actions/form-state";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { phoneChallengeFor } from "@/lib/mfa/phone-factors";
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
  // A person whose only factors are numbers gets their code by text or call (until "Try another way" offers every method).
  const phone = await phoneChallengeFor(pending.userId);
  if (phone) {
    return (
      <>
        <AuthHeading heading={t("totpHeading")} />
        <ClientMessages namespaces={["phone.challenge", "security.lock", ...FORM_MESSAGES]}>
          <PhoneChallenge {...phone} purpose="sign_in" initial={initial} />
        </ClientMessages>
        <AuthAside href="/sign-in/verify/recovery">{t("useRecovery")}</AuthAside>
        <CancelSignIn />
      </>
    );
  }
  return (
    <>
      <AuthHeading heading={t("totpHeading")} intro={t("totpIntro")} />
      <ChallengeForm method="totp" initial={initial} />
      <AuthAside href="/sign-in/verify/recovery">{t("useRecovery")}</AuthAside>
      <CancelSignIn />
    </>
  );
}
